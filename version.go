package svcaudit

import "github.com/svcaudit/svcaudit/result"

// Version is svcaudit's version, stamped on every Result it makes. It is
// set at build time with -ldflags "-X github.com/svcaudit/svcaudit.Version=v1.2.3".
var Version = "dev"

// stamp names the tool that made r.
func stamp(r *result.Result) {
	r.Tool = &result.Tool{Name: "svcaudit", Version: Version}
}
