// Package aho finds every occurrence of a set of literals in a text in one
// pass (Aho–Corasick), for the rule engine's prefilter and for the stance
// reader's guards.
package aho

// Scanner finds every occurrence, overlapping ones included, of a set of
// ASCII-lower-cased literals in a text, ignoring ASCII case, in one pass.
// It is an Aho–Corasick automaton compiled to a DFA over byte classes.
//
// It is written here rather than taken from a library because the rule
// engine
// needs every occurrence of every literal with its end offset, overlapping
// ones included ("complain" inside "complaints"), while the Go packages on
// offer report leftmost non-overlapping matches (petar-dambovaliev) or only
// which literals occur (cloudflare).
type Scanner struct {
	class  [256]byte
	nclass int
	trans  []int32 // state + class → state; states are row offsets
	// (state number × nclass)
	outFrom int32 // states ≥ outFrom end at least one literal
	out     [][]int32
	lens    []int
}

// New compiles a Scanner for lits (ASCII lower-cased, none empty); a
// literal's id is its index in lits.
func New(lits []string) *Scanner {
	sc := &Scanner{lens: make([]int, len(lits))}
	// Byte classes: one per byte that occurs in a literal (upper case
	// sharing its lower-case letter's class), one for every other byte.
	for _, lit := range lits {
		for i := 0; i < len(lit); i++ {
			if sc.class[lit[i]] == 0 {
				sc.nclass++
				sc.class[lit[i]] = byte(sc.nclass)
			}
		}
	}
	if sc.nclass >= 255 {
		// Cannot happen with more than 254 distinct bytes in literals
		// short of binary patterns; fall back to identity classes.
		for i := range sc.class {
			sc.class[i] = byte(i)
		}
		sc.nclass = 255
	}
	for c := 'A'; c <= 'Z'; c++ {
		sc.class[c] = sc.class[c+'a'-'A']
	}
	sc.nclass++
	nc := sc.nclass

	// Trie.
	type node struct {
		next map[byte]int32
		fail int32
		out  []int32
	}
	nodes := []*node{{next: map[byte]int32{}}}
	for id, lit := range lits {
		sc.lens[id] = len(lit)
		s := int32(0)
		for i := 0; i < len(lit); i++ {
			c := sc.class[lit[i]]
			nx, ok := nodes[s].next[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, &node{next: map[byte]int32{}})
				nodes[s].next[c] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}

	// Breadth-first: failure links, outputs, and the full transition table.
	trans := make([]int32, len(nodes)*nc)
	queue := []int32{0}
	for c := 0; c < nc; c++ {
		if nx, ok := nodes[0].next[byte(c)]; ok {
			trans[c] = nx
			nodes[nx].fail = 0
			queue = append(queue, nx)
		}
	}
	queue = queue[1:]
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		n := nodes[s]
		n.out = append(n.out, nodes[n.fail].out...)
		for c := 0; c < nc; c++ {
			if nx, ok := n.next[byte(c)]; ok {
				nodes[nx].fail = trans[int(n.fail)*nc+c]
				trans[int(s)*nc+c] = nx
				queue = append(queue, nx)
			} else {
				trans[int(s)*nc+c] = trans[int(n.fail)*nc+c]
			}
		}
	}

	// Renumber so that states with output come last: the scan loop then
	// tests one comparison per byte.
	order := make([]int32, len(nodes)) // new → old
	renum := make([]int32, len(nodes)) // old → new
	k := int32(0)
	for pass := 0; pass < 2; pass++ {
		for old, n := range nodes {
			if (len(n.out) > 0) == (pass == 1) {
				order[k] = int32(old)
				renum[old] = k
				k++
			}
		}
	}
	// States are stored premultiplied by nc: the next state's row starts
	// at its number.
	sc.trans = make([]int32, len(trans))
	sc.out = make([][]int32, len(nodes)*nc)
	sc.outFrom = int32(len(nodes) * nc)
	for nw, old := range order {
		for c := 0; c < nc; c++ {
			sc.trans[nw*nc+c] = renum[trans[int(old)*nc+c]] * int32(nc)
		}
		if len(nodes[old].out) > 0 {
			sc.out[nw*nc] = nodes[old].out
			sc.outFrom = min(sc.outFrom, int32(nw*nc))
		}
	}
	// The start state must be 0 for the scan; it has no output (no empty
	// literals), so it stays first.
	return sc
}

// Lens are the literals' lengths, by id.
func (sc *Scanner) Lens() []int { return sc.lens }

// Scan calls hit for every occurrence of a literal, with the offset just
// past its end, in order of that end.
func (sc *Scanner) Scan(text string, hit func(lit int32, end int)) {
	trans, class, outFrom := sc.trans, &sc.class, sc.outFrom
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = trans[s+int32(class[text[i]])]
		if s >= outFrom {
			for _, id := range sc.out[s] {
				hit(id, i+1)
			}
		}
	}
}
