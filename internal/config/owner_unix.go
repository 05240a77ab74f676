//go:build unix

package config

import (
	"os"
	"syscall"
)

// untrusted says why a configuration in dir must not be read: dir is
// not owned by the user running svcaudit, or anyone may write to it.
func untrusted(dir string) string {
	fi, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	if fi.Mode().Perm()&0o002 != 0 {
		return "anyone may write to it"
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return "it is not owned by you"
	}
	return ""
}
