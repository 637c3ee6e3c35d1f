//go:build !unix

package sqldb

import "time"

// cpuTime is unknown here; the benchmarks then omit their CPU metric.
func cpuTime() time.Duration { return 0 }
