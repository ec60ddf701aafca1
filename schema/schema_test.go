package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/schema"
)

// compile compiles the named schema, with every schema of the package
// available by its $id for references between them (no network).
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	entries, err := schema.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, e := range entries {
		data, err := schema.FS.ReadFile(e.Name())
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		docID, _ := doc.(map[string]any)["$id"].(string)
		if err := c.AddResource(docID, doc); err != nil {
			t.Fatal(err)
		}
		if e.Name() == name {
			id = docID
		}
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// load reads a JSON or YAML file as JSON data, as a schema validator sees it.
func load(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".json") {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return v
	}
	v, err := yamlData(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// yamlData reads a YAML document as the JSON data an editor's schema
// validator sees, from its nodes: a date (a YAML 1.1 timestamp) is the text
// it was written as, a number is the number written, and null, booleans and
// texts are themselves.
func yamlData(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return nodeData(doc.Content[0])
}

func nodeData(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := nodeData(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			v, err := nodeData(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			err := n.Decode(&b)
			return b, err
		case "!!int", "!!float":
			return json.Number(strings.ReplaceAll(n.Value, "_", "")), nil
		}
		return n.Value, nil // !!str, and !!timestamp as written
	}
	return nil, fmt.Errorf("line %d: a YAML node the files do not use", n.Line)
}

// glob lists the files matching pattern; policy test files (*_test.yaml)
// only when the pattern names them.
func glob(t *testing.T, pattern string) []string {
	t.Helper()
	matches, err := filepath.Glob(pattern)
	var files []string
	for _, f := range matches {
		if strings.HasSuffix(f, "_test.yaml") == strings.HasSuffix(pattern, "_test.yaml") {
			files = append(files, f)
		}
	}
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	return files
}

// TestShippedFilesValidate checks every rule file, area file, case file and
// referral file the project ships against its schema.
func TestShippedFilesValidate(t *testing.T) {
	tests := []struct{ schema, pattern string }{
		{"rule-file.schema.json", "../rules/national/*.yaml"},
		{"area-file.schema.json", "../examples/areas/*.yaml"},
		{"case.schema.json", "../examples/cases/eligibility/*.json"},
		{"case.schema.json", "../examples/cases/attendance/*.json"},
		{"case.schema.json", "../examples/cases/assessment/*.json"},
		{"referrals.schema.json", "../examples/cases/groups/*.json"},
		{"test-file.schema.json", "../rules/tests/*_test.yaml"},
		{"test-file.schema.json", "../examples/areas/*_test.yaml"},
	}
	for _, tt := range tests {
		s := compile(t, tt.schema)
		for _, file := range glob(t, tt.pattern) {
			if err := s.Validate(load(t, file)); err != nil {
				t.Errorf("%s does not validate against %s:\n%v", file, tt.schema, err)
			}
		}
	}
}

// TestSchemasRefuseMistakes checks that the schemas catch the mistakes an
// editor should underline.
func TestSchemasRefuseMistakes(t *testing.T) {
	tests := []struct {
		schema, doc string
	}{
		{"case.schema.json", `{"offender": {"sex": "mael"}}`},
		{"case.schema.json", `{"offender": {"gender": "male"}}`},
		{"case.schema.json", `{"as_of": "27/11/2026"}`},
		{"case.schema.json", `{"as_of": "2026-02-30"}`},
		{"referrals.schema.json", `{"start": "2025-02-29", "referrals": []}`},
		{"case.schema.json", `{"order": {"requirements": ["unpaid_work"]}}`},
		{"case.schema.json", `{"attendance": {"sessions": [{"session": 1, "date": "2026-01-01"}]}}`},
		{"case.schema.json", `{"offences": [{"internet": "yes"}]}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "parms": {}}`},
		{"area-file.schema.json", `{"policy": "i-SOTP"}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "eligibility": {"rules": [{"id": "a", "description": "d", "expression": "true", "effect": "advisory", "overridable": true}]}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "eligibility": {"rules": [{"id": "Bad-Id", "description": "d", "expression": "true", "effect": "advisory"}]}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "eligibility": {"texts": {}}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "assessment": {"scales": [{"id": "a", "reliability": 1.2, "sd": 3}]}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "assessment": {"scales": [{"id": "a", "sd": 3}]}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "outcome_codes": {"XX": "attnded"}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "assessment": {"norms": {"status": "invented"}, "scales": []}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "assessment": {"norms": {"status": "published"}, "scales": []}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "assessment": {"scales": [{"id": "a", "sd": 3, "reliability": 0.8, "norms": {"source": "s"}}]}}`},
		{"rule-file.schema.json", `{"parameters": {"x": {"type": "integer", "default": 1, "description": "d"}}}`},
		{"rule-file.schema.json", `{"parameters": {"x": {"type": "int", "default": 1, "description": "d", "fixed": true, "bounds": "value > 0"}}}`},
		{"rule-file.schema.json", `{"eligibility": {"rules": [{"id": "a", "description": "d", "expression": "true", "effect": "advisory", "message": "m", "message_expression": "'m'"}]}}`},
		{"referrals.schema.json", `{"start": "2026-01-01", "referrals": [{"date_of_birth": "2000-01-01"}]}`},
		{"rule-file.schema.json", `{"eligibility": {"rules": [{"id": "a", "description": "d", "expression": "true", "effect": "advisory", "finding": ["'m'"]}]}}`},
		{"area-file.schema.json", `{"area": "x", "policy": "i-SOTP", "eligibility": {"rules": [{"id": "a", "description": "d", "expression": "true", "effect": "advisory", "not_applicable": 3}]}}`},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			s := compile(t, tt.schema)
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(doc); err == nil {
				t.Errorf("%s accepts %s", tt.schema, tt.doc)
			}
		})
	}
}

// TestRuleFilesNameTheirSchema checks the editor comment on the first line
// of every shipped rule file.
func TestRuleFilesNameTheirSchema(t *testing.T) {
	for pattern, want := range map[string]string{
		"../rules/national/*.yaml":      "# yaml-language-server: $schema=../../schema/rule-file.schema.json",
		"../examples/areas/*.yaml":      "# yaml-language-server: $schema=../../schema/area-file.schema.json",
		"../examples/areas/*_test.yaml": "# yaml-language-server: $schema=../../schema/test-file.schema.json",
		"../rules/tests/*_test.yaml":    "# yaml-language-server: $schema=../../schema/test-file.schema.json",
	} {
		for _, file := range glob(t, pattern) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(string(data), "\n"); first != want {
				t.Errorf("%s: first line %q, want %q", file, first, want)
			}
		}
	}
}
