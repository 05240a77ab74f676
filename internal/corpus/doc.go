// Package corpus holds no code: its test runs svcaudit's built-in automated
// checklist items over the realistic documents in testdata/corpus and
// examples/documents, and checks each item passes or fails as
// testdata/corpus/expect.yaml says. It is how the built-in patterns are tuned:
// a strong charter must pass, a vague one fail, and a privacy notice or cookie
// policy must not pass as a service charter.
package corpus
