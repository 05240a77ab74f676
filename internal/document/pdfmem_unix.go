//go:build unix

package document

import (
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
)

// pdfAllocator backs each PDFium instance's WebAssembly memory with one
// anonymous mapping of the memory limit, reserved up front and touched only
// as PDFium grows into it. Wazero's default grows a Go slice, copying it
// each time and leaving the old copies to the collector: a PDF that drives
// PDFium to a 256 MiB limit cost 725 MB of resident memory that way, and
// costs the limit this way. The mapping is outside the Go heap, so the
// collector neither scans nor counts it.
func pdfAllocator(limit int64) experimental.MemoryAllocator {
	return experimental.MemoryAllocatorFunc(func(capacity, max uint64) experimental.LinearMemory {
		size := min(max, uint64(limit))
		size = max64(size, capacity)
		buf, err := syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|mapNoReserve)
		if err != nil {
			return nil
		}
		return &mappedMemory{buf: buf[:0:size]}
	})
}

func max64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// mappedMemory is a linear memory that grows within its mapping and never
// moves.
type mappedMemory struct{ buf []byte }

func (m *mappedMemory) Reallocate(size uint64) []byte {
	if size > uint64(cap(m.buf)) {
		return nil
	}
	m.buf = m.buf[:size]
	return m.buf
}

func (m *mappedMemory) Free() {
	if cap(m.buf) > 0 {
		_ = syscall.Munmap(m.buf[:cap(m.buf)])
		m.buf = nil
	}
}
