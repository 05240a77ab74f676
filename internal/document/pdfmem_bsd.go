//go:build unix && !linux

package document

const mapNoReserve = 0
