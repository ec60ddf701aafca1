package server

import (
	"encoding"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
	"github.com/isotp-dev/isotp/schema"
)

// TestDescriptionIsServed: GET /v1/openapi.json is schema/openapi.json, and
// the schemas it refers to are served beside it, as package schema holds
// them.
func TestDescriptionIsServed(t *testing.T) {
	ts := newTestServer(t, Config{})
	r := ts.get(t, "/v1/openapi.json")
	require.Equal(t, 200, r.status)
	require.Equal(t, string(schema.OpenAPI), string(r.body))
	require.Equal(t, []string{"case.schema.json", "referrals.schema.json"}, referencedSchemas)
	for _, name := range referencedSchemas {
		r := ts.get(t, "/v1/"+name)
		require.Equal(t, 200, r.status)
		want, err := schema.FS.ReadFile(name)
		require.NoError(t, err)
		require.Equal(t, string(want), string(r.body))
	}
}

// TestDescriptionPaths: the description lists exactly the routes the
// server has, each with its one method and the query parameters it takes.
func TestDescriptionPaths(t *testing.T) {
	s, err := New(Config{})
	require.NoError(t, err)
	type op struct {
		path, method string
		query        []string
	}
	var want, got []op
	for _, rt := range s.routes {
		want = append(want, op{rt.path, rt.method, rt.query})
	}
	for path, item := range asMap(openapi.doc["paths"]) {
		for method, o := range asMap(item) {
			var query []string
			for _, p := range asArray(asMap(o)["parameters"]) {
				require.Equal(t, "query", asMap(p)["in"], "%s %s", method, path)
				query = append(query, asMap(p)["name"].(string))
			}
			got = append(got, op{path, strings.ToUpper(method), query})
		}
	}
	order := func(ops []op) {
		sort.Slice(ops, func(i, j int) bool { return ops[i].path < ops[j].path })
	}
	order(want)
	order(got)
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(op{})); diff != "" {
		t.Errorf("routes and description mismatch (-want +got):\n%s", diff)
	}
}

func asArray(v any) []any {
	a, _ := v.([]any)
	return a
}

// TestDescriptionWellFormed: an OpenAPI 3.1 document whose references all
// resolve, with one operationId per operation, and the security the server
// applies: the bearer token under /v1, none elsewhere.
func TestDescriptionWellFormed(t *testing.T) {
	require.Equal(t, "3.1.0", openapi.doc["openapi"])
	var refs []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				refs = append(refs, ref)
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(openapi.doc)
	for _, ref := range refs {
		file, frag, _ := strings.Cut(ref, "#")
		if file != "" {
			require.Contains(t, referencedSchemas, file)
			continue
		}
		var tokens []string
		for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			tokens = append(tokens, strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~"))
		}
		_, ok := lookup(openapi.doc, tokens...)
		require.True(t, ok, "%s does not resolve", ref)
	}
	ids := map[string]bool{}
	for path, item := range asMap(openapi.doc["paths"]) {
		for method, o := range asMap(item) {
			id, _ := asMap(o)["operationId"].(string)
			require.NotEmpty(t, id, "%s %s", method, path)
			require.False(t, ids[id], "operationId %s twice", id)
			ids[id] = true
			security, own := asMap(o)["security"]
			if strings.HasPrefix(path, "/v1/") {
				require.False(t, own, "%s %s: paths under /v1 keep the document's bearer security", method, path)
			} else {
				require.True(t, own && len(security.([]any)) == 0, "%s %s needs no token and must say so", method, path)
			}
		}
	}
}

// TestDescriptionEnums: every enumeration the description gives is the
// list of spellings of the Go type behind it.
func TestDescriptionEnums(t *testing.T) {
	tests := []struct {
		schema, field string
		want          []string
	}{
		{"EligibilityDecision", "outcome", spellings(func(i int) eligibility.Outcome { return eligibility.Outcome(i) })},
		{"EligibilityDecision", "regime", spellings(func(i int) eligibility.Regime { return eligibility.Regime(i) })},
		{"EligibilityDecision", "stage", spellings(func(i int) isotp.Stage { return isotp.Stage(i) })},
		{"EligibilityDecision", "age_band", spellings(func(i int) groups.Band { return groups.Band(i) })},
		{"RuleResult", "result", spellings(func(i int) rules.Verdict { return rules.Verdict(i) })},
		{"AttendanceSummary", "status", spellings(func(i int) attendance.Status { return attendance.Status(i) })},
		{"Next", "kind", spellings(func(i int) attendance.NextKind { return attendance.NextKind(i) })},
		{"Enforcement", "action", spellings(func(i int) attendance.Action { return attendance.Action(i) })},
		{"Failure", "action", spellings(func(i int) attendance.Action { return attendance.Action(i) })},
		{"Failure", "outcome", []string{isotp.UnacceptableAbsence.String(), isotp.FailedToComply.String()}},
		{"AttendanceFinding", "code", spellings(func(i int) attendance.FindingCode { return attendance.FindingCode(i) })},
		{"SessionState", "state", spellings(func(i int) attendance.State { return attendance.State(i) })},
		{"ScaleResult", "category", spellings(func(i int) assessment.Category { return assessment.Category(i) })},
		{"AssessmentFinding", "code", spellings(func(i int) assessment.FindingCode { return assessment.FindingCode(i) })},
		{"Norms", "status", spellings(func(i int) rules.NormsStatus { return rules.NormsStatus(i) })},
		{"Group", "band", spellings(func(i int) groups.Band { return groups.Band(i) })},
		{"NotGrouped", "code", spellings(func(i int) groups.Code { return groups.Code(i) })},
		{"GroupParams", "young_fallback", spellings(func(i int) groups.Fallback { return groups.Fallback(i) })},
	}
	for _, tt := range tests {
		v, ok := lookup(openapi.doc, "components", "schemas", tt.schema, "properties", tt.field)
		require.True(t, ok, "%s.%s", tt.schema, tt.field)
		if alt := asArray(asMap(v)["anyOf"]); len(alt) > 0 { // nullable
			v = alt[0]
		}
		var got []string
		for _, e := range asArray(asMap(v)["enum"]) {
			got = append(got, e.(string))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s.%s mismatch (-want +got):\n%s", tt.schema, tt.field, diff)
		}
	}
	// The report's formats, and the error codes the server gives.
	v, _ := lookup(openapi.doc, "paths", "/v1/report", "post", "parameters")
	var formats []string
	for _, f := range reportFormats {
		formats = append(formats, f.name)
	}
	var described []string
	for _, e := range asArray(asMap(asMap(asArray(v)[0])["schema"])["enum"]) {
		described = append(described, e.(string))
	}
	require.Equal(t, formats, described)
}

// spellings lists the JSON spellings of an enumeration whose values run
// from 1, as its MarshalText gives them, up to the first it refuses.
func spellings[T encoding.TextMarshaler](value func(int) T) []string {
	var out []string
	for i := 1; i < 256; i++ {
		b, err := value(i).MarshalText()
		if err != nil {
			break
		}
		out = append(out, string(b))
	}
	return out
}

// TestErrorCodesDescribed: the description's error codes are the server's
// (and each answer the tests see is validated against them).
func TestErrorCodesDescribed(t *testing.T) {
	v, ok := lookup(openapi.doc, "components", "schemas", "Error", "properties", "error", "properties", "code", "enum")
	require.True(t, ok)
	var got []string
	for _, c := range asArray(v) {
		got = append(got, c.(string))
	}
	want := []string{codeInvalidInput, codeInvalidQuery, codeUnauthorized, codeNotFound, codeMethodNotAllowed,
		codeTooLarge, codeUnsupportedMediaType, codeEvaluation, codeCostLimit, codeShuttingDown, codeInternal}
	slices.Sort(want)
	slices.Sort(got)
	require.Equal(t, want, got)
}
