package schema_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/schema"
)

// A schemaLimit is where a schema states one of the limits of package
// isotp: the value of keyword at a JSON pointer into the schema, or, for a
// limit a JSON Schema keyword cannot state (a size in bytes), words of the
// description at the pointer.
type schemaLimit struct {
	name    string // the constant in package isotp
	value   int
	schema  string
	pointer string
	keyword string // maxItems, maxLength, maxProperties; "" for a description
}

var schemaLimits = []schemaLimit{
	{"MaxCaseBytes", isotp.MaxCaseBytes, "case.schema.json", "", ""},
	{"MaxOffences", isotp.MaxOffences, "case.schema.json", "/properties/offences", "maxItems"},
	{"MaxRequirements", isotp.MaxRequirements, "case.schema.json", "/properties/order/properties/requirements", "maxItems"},
	{"MaxSessions", isotp.MaxSessions, "case.schema.json", "/properties/attendance/properties/sessions", "maxItems"},
	{"MaxWarnings", isotp.MaxWarnings, "case.schema.json", "/properties/attendance/properties/warnings", "maxItems"},
	{"MaxContacts", isotp.MaxContacts, "case.schema.json", "/properties/attendance/properties/offender_manager_contacts", "maxItems"},
	{"MaxWorkItems", isotp.MaxWorkItems, "case.schema.json", "/properties/attendance/properties/between_session_work", "maxItems"},
	{"MaxScores", isotp.MaxScores, "case.schema.json", "/$defs/scores/properties/scores", "maxProperties"},
	{"MaxIDLen", isotp.MaxIDLen, "case.schema.json", "/$defs/idOrNull/oneOf/0", "maxLength"},
	{"MaxNameLen", isotp.MaxNameLen, "case.schema.json", "/$defs/nameOrNull/oneOf/0", "maxLength"},
	{"MaxNameLen", isotp.MaxNameLen, "case.schema.json", "/properties/attendance/properties/sessions/items/properties/outcome", "maxLength"},
	{"MaxNameLen", isotp.MaxNameLen, "case.schema.json", "/$defs/scores/properties/scores/propertyNames", "maxLength"},
	{"MaxTextLen", isotp.MaxTextLen, "case.schema.json", "/$defs/textOrNull/oneOf/0", "maxLength"},
	{"MaxIntakeBytes", isotp.MaxIntakeBytes, "referrals.schema.json", "", ""},
	{"MaxReferrals", isotp.MaxReferrals, "referrals.schema.json", "/properties/referrals", "maxItems"},
	{"MaxIDLen", isotp.MaxIDLen, "referrals.schema.json", "/properties/referrals/items/properties/id", "maxLength"},
}

// TestSchemasStateTheLimits checks that the case and referral schemas state
// each limit of package isotp with its value, and that every limit the
// package declares is stated.
func TestSchemasStateTheLimits(t *testing.T) {
	for _, l := range schemaLimits {
		data, err := schema.FS.ReadFile(l.schema)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		at, ok := lookup(doc, l.pointer)
		if !ok {
			t.Errorf("%s: no %s", l.schema, l.pointer)
			continue
		}
		if l.keyword == "" {
			if desc, _ := at["description"].(string); !strings.Contains(desc, strconv.Itoa(l.value)+" bytes (isotp."+l.name+")") {
				t.Errorf("%s%s: description %q does not state %s, %d bytes", l.schema, l.pointer, desc, l.name, l.value)
			}
			continue
		}
		if got, _ := at[l.keyword].(float64); got != float64(l.value) {
			t.Errorf("%s%s: %s %v, want %d (isotp.%s)", l.schema, l.pointer, l.keyword, at[l.keyword], l.value, l.name)
		}
	}

	declared := limitNames(t)
	for _, name := range declared {
		if !slices.ContainsFunc(schemaLimits, func(l schemaLimit) bool { return l.name == name }) {
			t.Errorf("isotp.%s is stated in no schema", name)
		}
	}
	if len(declared) == 0 {
		t.Error("found no limits in ../limits.go")
	}
}

// lookup follows a JSON pointer (RFC 6901, without escapes) into doc.
func lookup(doc any, pointer string) (map[string]any, bool) {
	v := doc
	for _, p := range strings.Split(pointer, "/")[1:] {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	m, ok := v.(map[string]any)
	return m, ok
}

// limitNames lists the exported constants of ../limits.go.
func limitNames(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../limits.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, decl := range f.Decls {
		if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.CONST {
			for _, spec := range gd.Specs {
				for _, n := range spec.(*ast.ValueSpec).Names {
					if n.IsExported() {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// TestSchemasHoldTheLimits validates documents at each list and string
// limit, which must pass, and one past it, which must not.
func TestSchemasHoldTheLimits(t *testing.T) {
	items := func(n int, item string) string { return strings.TrimSuffix(strings.Repeat(item+",", n), ",") }
	tests := []struct {
		schema string
		max    int
		doc    func(n int) string
	}{
		{"case.schema.json", isotp.MaxOffences, func(n int) string { return `{"offences": [` + items(n, `{}`) + `]}` }},
		{"case.schema.json", isotp.MaxWarnings, func(n int) string { return `{"attendance": {"warnings": [` + items(n, `"2026-01-05"`) + `]}}` }},
		{"case.schema.json", isotp.MaxContacts, func(n int) string {
			return `{"attendance": {"offender_manager_contacts": [` + items(n, `"2026-01-05"`) + `]}}`
		}},
		{"case.schema.json", isotp.MaxIDLen, func(n int) string { return `{"offender": {"id": "` + strings.Repeat("a", n) + `"}}` }},
		{"case.schema.json", isotp.MaxTextLen, func(n int) string {
			return `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-05", "outcome": "x", "reason": "` + strings.Repeat("a", n) + `"}]}}`
		}},
		{"case.schema.json", isotp.MaxScores, func(n int) string {
			var b strings.Builder
			for i := range n {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, `"s%d": 1`, i)
			}
			return `{"assessment": {"pre": {"scores": {` + b.String() + `}}}}`
		}},
		{"referrals.schema.json", isotp.MaxIDLen, func(n int) string {
			return `{"start": "2026-03-02", "referrals": [{"id": "` + strings.Repeat("a", n) + `"}]}`
		}},
	}
	for _, tt := range tests {
		s := compile(t, tt.schema)
		for n, ok := range map[int]bool{tt.max: true, tt.max + 1: false} {
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc(n)))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(doc); (err == nil) != ok {
				t.Errorf("%s with %d: validation error %v, want one %v", tt.schema, n, err, !ok)
			}
		}
	}
}

// TestDatePatternIsParseDate checks that the schemas' date pattern accepts
// exactly the dates isotp.ParseDate does, over every day number and month
// number of the years around four centuries.
func TestDatePatternIsParseDate(t *testing.T) {
	data, err := schema.FS.ReadFile("case.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	def, _ := lookup(doc, "/$defs/date")
	re := regexp.MustCompile(def["pattern"].(string))
	years := []int{0, 1, 4, 100, 400, 1600, 1700, 1800, 1896, 1900, 1999, 2000, 2024, 2025, 2100, 2400, 9996, 9999}
	for y := 1970; y <= 2030; y++ {
		years = append(years, y)
	}
	for _, y := range years {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				_, err := isotp.ParseDate(s)
				if re.MatchString(s) != (err == nil) {
					t.Errorf("%s: pattern matches %v, ParseDate error %v", s, re.MatchString(s), err)
				}
			}
		}
	}
	for _, s := range []string{"2026-1-05", "2026-01-5", "20260105", "2026-01-05T00:00:00Z", " 2026-01-05"} {
		if re.MatchString(s) {
			t.Errorf("pattern matches %q", s)
		}
	}

	// The referrals schema writes the same pattern for each of its dates.
	refs, err := schema.FS.ReadFile("referrals.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(refs, &doc); err != nil {
		t.Fatal(err)
	}
	for _, ptr := range []string{"/properties/start", "/properties/referrals/items/properties/date_of_birth/oneOf/0", "/properties/referrals/items/properties/referred/oneOf/0"} {
		if at, _ := lookup(doc, ptr); at["pattern"] != re.String() {
			t.Errorf("referrals.schema.json%s: pattern %v, want the case schema's", ptr, at["pattern"])
		}
	}
}
