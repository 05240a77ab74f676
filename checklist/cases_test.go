package checklist

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCasesEvidence(t *testing.T) {
	src := `id: timely
title: Timely
version: "1"
sections:
  - id: s
    title: S
    items:
      - id: ack
        question: Acknowledged in time?
        evidence:
          cases: {stage: 1, interval: received-acknowledged, limit: 5, min: 95%}
      - id: ext
        question: Extensions kept?
        evidence:
          any: ['up to 10 (further )?working days']
          cases: {stage: 2, interval: acknowledged→responded, limit: 20, extension: 20, only: extended, min: 90.5}
      - id: any-ext
        question: Answered in time?
        evidence:
          cases: {stage: 1, interval: acknowledged-responded, limit: 10, extension: true}
`
	cl, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []*Cases{
		{Stage: 1, From: CaseReceived, To: CaseAcknowledged, Limit: 5, Min: 95},
		{Stage: 2, From: CaseAcknowledged, To: CaseResponded, Limit: 20, Extension: true, ExtensionMax: 20, OnlyExtended: true, Min: 90.5},
		{Stage: 1, From: CaseAcknowledged, To: CaseResponded, Limit: 10, Extension: true, Min: 100},
	}
	var got []*Cases
	for _, it := range cl.Items() {
		got = append(got, it.Evidence.Cases)
		if !it.Automated() {
			t.Errorf("%s is not automated", it.ID)
		}
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Cases{}, "Pos")); diff != "" {
		t.Errorf("cases (-want +got):\n%s", diff)
	}
	if cl.Items()[0].Evidence.Documentary() || !cl.Items()[1].Evidence.Documentary() {
		t.Error("Documentary: only the item with any is answered by documents")
	}
}
