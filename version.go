package svcaudit

import (
	"runtime/debug"

	"github.com/svcaudit/svcaudit/result"
)

// Version is svcaudit's version, stamped on every Result it makes and
// printed by `svcaudit version`: the one version variable (the command
// line reads it when it runs, never a copy). It is
// set at build time with -ldflags "-X github.com/svcaudit/svcaudit.Version=v1.2.3";
// otherwise it is the module version Go recorded in the build (a release
// tag with go install ...@v1.2.3, a pseudo-version from a clone's commit),
// and "dev" only when there is neither.
var Version = "dev"

func init() { Version = buildVersion(Version, debug.ReadBuildInfo) }

func buildVersion(v string, read func() (*debug.BuildInfo, bool)) string {
	if v != "dev" {
		return v
	}
	if bi, ok := read(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return v
}

// stamp names the tool that made r.
func stamp(r *result.Result) {
	r.Tool = &result.Tool{Name: "svcaudit", Version: Version}
}
