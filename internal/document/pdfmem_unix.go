//go:build unix

package document

import (
	"sync"
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
	"golang.org/x/sys/unix"
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

// Free returns the mapping. While a PDFium call stopped at the time limit
// may still be running (the engine frees an instance's memory as soon as
// it is killed, not when its code has stopped), the mapping is emptied but
// kept: unmapping memory under running code crashes the process. It is
// unmapped when the last such call has returned.
func (m *mappedMemory) Free() {
	if cap(m.buf) == 0 {
		return
	}
	buf := m.buf[:cap(m.buf)]
	m.buf = nil
	pdfRetired.mu.Lock()
	defer pdfRetired.mu.Unlock()
	if pdfRetired.running == 0 {
		_ = syscall.Munmap(buf)
		return
	}
	_ = unix.Madvise(buf, unix.MADV_DONTNEED) // its pages go back now
	pdfRetired.bufs = append(pdfRetired.bufs, buf)
}

// pdfRetired holds the mappings freed while a killed call was running.
var pdfRetired struct {
	mu      sync.Mutex
	running int // killed calls not yet returned
	bufs    [][]byte
}

// pdfKilling is called before an instance is killed while its call still
// runs; the function it returns is called when that call has returned.
func pdfKilling() (returned func()) {
	pdfRetired.mu.Lock()
	pdfRetired.running++
	pdfRetired.mu.Unlock()
	return func() {
		pdfRetired.mu.Lock()
		defer pdfRetired.mu.Unlock()
		pdfRetired.running--
		if pdfRetired.running > 0 {
			return
		}
		for _, b := range pdfRetired.bufs {
			_ = syscall.Munmap(b)
		}
		pdfRetired.bufs = nil
	}
}
