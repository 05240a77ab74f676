//go:build !unix

package document

import "github.com/tetratelabs/wazero/experimental"

// pdfAllocator is wazero's own where there is no mmap: the memory limit
// still holds, at the cost of the slice copies it makes while growing.
func pdfAllocator(int64) experimental.MemoryAllocator { return nil }

// pdfKilling has nothing to keep: wazero's own memory is the collector's.
func pdfKilling() (returned func()) { return func() {} }
