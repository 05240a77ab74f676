// Package interview asks an assessor a checklist's manual items one at a
// time and saves every answer to the answers file the moment it is given, so
// that a Ctrl-C, a closed terminal or a kill -9 loses nothing. Run again, it
// resumes at the first unanswered item.
//
// The questions are asked through a Prompter; the terminal one is built on
// charmbracelet/huh, and tests drive the interview with a scripted one.
package interview
