//go:build unix

package sqldb

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time this process has used so far.
// On a shared machine it measures the work done, which wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
