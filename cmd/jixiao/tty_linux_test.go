package main

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openTerminal opens a pseudo-terminal and returns its terminal end.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	fd := int(ptmx.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pts: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

func TestBinaryFormatsAreNotWrittenToATerminal(t *testing.T) {
	tty := openTerminal(t)
	c := newCLI(t)
	for _, args := range [][]string{{"export", "--format", "xlsx"}, {"export", "--format", "pdf"}, {"export", "--template"}} {
		var errb bytes.Buffer
		code := run(context.Background(), append(args, "--db", c.db), strings.NewReader(""), tty, &errb, func(string) string { return "" })
		if code != 2 || !strings.Contains(errb.String(), "二进制格式，不写到终端") {
			t.Errorf("jixiao %v to a terminal: exit %d %q", args, code, errb.String())
		}
	}
}
