package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// confirmOverwrite is the one way a command may replace an existing file
// at path: with --force (force), or when standard input and error are a
// terminal, after a yes to one question. A path that does not exist needs
// nothing; a folder is never replaced.
func confirmOverwrite(ios *IOStreams, path string, force bool) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if st.IsDir() {
		return usageErrorf("%s is a folder: give a file name with -o", path)
	}
	if force {
		return nil
	}
	if !ios.InTTY || !ios.ErrTTY {
		return &UsageError{Msg: fmt.Sprintf("%s already exists", path), Hint: "use --force to replace it, or -o to write elsewhere"}
	}
	fmt.Fprintf(ios.ErrOut, "%s already exists. Replace it? [y/N] ", path)
	answer, _ := bufio.NewReader(ios.In).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
		return usageErrorf("%s left as it was", path)
	}
	return nil
}
