//go:build !unix

package walk

import "io/fs"

// fileID identifies a folder whatever path reached it. Without device and
// inode numbers loops are caught by the depth of the walk instead.
type fileID struct{ dev, ino uint64 }

func idOf(fs.FileInfo) (fileID, bool) { return fileID{}, false }
