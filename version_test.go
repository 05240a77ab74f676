package svcaudit

import (
	"runtime/debug"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	info := func(v string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Main: debug.Module{Version: v}}, true }
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	vcs := func(rev, modified string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
				{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}}, true
		}
	}
	for _, c := range []struct {
		set  string
		read func() (*debug.BuildInfo, bool)
		want string
	}{
		{"dev", info("v1.4.0"), "v1.4.0"},
		{"dev", info("v0.0.0-20261206225800-abcdef123456+dirty"), "v0.0.0-20261206225800-abcdef123456+dirty"},
		{"dev", info("(devel)"), "dev"},
		{"dev", none, "dev"},
		{"v2.0.0", info("v1.4.0"), "v2.0.0"},
		// built from a checkout, where Go recorded the commit but no version
		{"dev", vcs("d93bc6179d2c3552886825b654dd2717438abbd4", "false"), "devel-d93bc6179d2c"},
		{"dev", vcs("d93bc6179d2c3552886825b654dd2717438abbd4", "true"), "devel-d93bc6179d2c+dirty"},
		{"dev", vcs("", "false"), "dev"},
	} {
		if got := buildVersion(c.set, c.read); got != c.want {
			t.Errorf("buildVersion(%q) = %q, want %q", c.set, got, c.want)
		}
	}
}
