package svcaudit

import (
	"runtime/debug"

	"github.com/svcaudit/svcaudit/result"
)

// Version is svcaudit's version, stamped on every Result it makes and
// printed by `svcaudit version` and `svcaudit --version`: the one version
// variable (the command line reads it when it runs, never a copy). It is
// set at build time with -ldflags "-X github.com/svcaudit/svcaudit.Version=v1.2.3";
// otherwise it is what Go recorded in the build (see buildVersion), and
// "dev" only when Go recorded nothing.
var Version = "dev"

func init() { Version = buildVersion(Version, debug.ReadBuildInfo) }

// buildVersion is v when it was set at build time; else the module
// version Go recorded (a release tag with go install ...@v1.2.3, a
// pseudo-version such as v0.0.0-20261207160036-d93bc6179d2c when built
// from a clone); else, when Go recorded the commit but no version,
// "devel-" and the commit's first 12 digits (with "+dirty" when the
// working tree had changes); else "dev".
func buildVersion(v string, read func() (*debug.BuildInfo, bool)) string {
	if v != "dev" {
		return v
	}
	bi, ok := read()
	if !ok || bi == nil {
		return v
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return "devel-" + rev
}

// stamp names the tool that made r.
func stamp(r *result.Result) {
	r.Tool = &result.Tool{Name: "svcaudit", Version: Version}
}
