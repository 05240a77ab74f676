package result_test

import (
	"fmt"
	"log"

	"github.com/svcaudit/svcaudit/result"
)

// A file may hold one Result (an audit's) or a check document holding
// several; DecodeAll reads both.
func ExampleDecodeAll() {
	one := &result.Result{SchemaVersion: result.SchemaVersion, Subject: "Repairs", Score: 80, Passed: true}
	two := &result.Result{SchemaVersion: result.SchemaVersion, Subject: "Parks", Score: 40}
	check, err := result.MarshalCheck(result.NewCheck([]*result.Result{one, two}, nil))
	if err != nil {
		log.Fatal(err)
	}
	single, err := result.Marshal(one)
	if err != nil {
		log.Fatal(err)
	}
	for name, data := range map[string][]byte{"check.json": check, "result.json": single} {
		rs, err := result.DecodeAll(name, data)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(name, len(rs), rs[0].Subject)
	}
	fmt.Println(result.NewCheck([]*result.Result{one, two}, nil).Passed)
	// Unordered output:
	// check.json 2 Repairs
	// result.json 1 Repairs
	// false
}

// A Result from a newer version of the format is refused.
func ExampleDecode() {
	_, err := result.Decode("future.json", []byte(`{"schemaVersion": 99}`))
	fmt.Println(err)
	// Output:
	// future.json: result has schemaVersion 99, newer than this svcaudit reads (1): upgrade svcaudit
}
