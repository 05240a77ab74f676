// Package waiver reads waivers — an item excused from an audit, for a scope,
// by a named owner, for a reason, until a date — and applies them. A waived
// item counts as neither pass nor fail; a waiver that has expired stops
// applying and says so, which is what XCCDF overrides, conftest exceptions and
// kube-bench skips (no expiry, no reason) leave out.
package waiver
