//go:build !unix

package input

const openFlags = 0
