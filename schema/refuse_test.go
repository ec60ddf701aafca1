package schema_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/attendance"
	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/eligibility"
	"github.com/isotp-dev/isotp/internal/enum"
	"github.com/isotp-dev/isotp/policytest"
	"github.com/isotp-dev/isotp/rules"
)

// validates reports whether the YAML or JSON document src is valid under
// the schema called name.
func validates(t *testing.T, name string, src string, isJSON bool) bool {
	t.Helper()
	var doc any
	var err error
	if isJSON {
		doc, err = jsonschema.UnmarshalJSON(strings.NewReader(src))
	} else {
		doc, err = yamlData([]byte(src))
	}
	require.NoError(t, err)
	return compile(t, name).Validate(doc) == nil
}

// nationalPlus returns the national rule files with file name (such as
// "calendar.yaml") replaced by src, or with src added as a file of its own
// when name is "".
func nationalPlus(t *testing.T, name, src string) rules.Source {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(os.DirFS("../rules/national"), ".")
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("../rules/national", e.Name()))
		require.NoError(t, err)
		fsys["national/"+e.Name()] = &fstest.MapFile{Data: data}
	}
	if name == "" {
		name = "zz-extra.yaml"
	}
	fsys["national/"+name] = &fstest.MapFile{Data: []byte(src)}
	return rules.Dir(fsys, "national")
}

// TestSchemasAndLoaderRefuseTheSame feeds the same bad files to the
// schema validator and to isotp's own reader (the check command's, the
// case decoder, the test loader): both must refuse each one.
func TestSchemasAndLoaderRefuseTheSame(t *testing.T) {
	const area = "area: x\npolicy: i-SOTP\n"
	areaTests := []struct{ name, src string }{
		{"a misspelt parameter", area + "params:\n  max_catchups: 3\n"},
		{"a fixed parameter", area + "params:\n  sessions: 30\n"},
		{"a whole number as a decimal", area + "params:\n  min_age: 18.5\n"},
		{"a number as text", area + "params:\n  min_age: \"18\"\n"},
		{"a choice that is not one", area + "params:\n  young_fallback: adult\n"},
		{"another policy", "area: x\npolicy: X-SOTP\n"},
		{"an effect the section does not have", area + "eligibility:\n  rules:\n    - {id: a, description: d, expression: 'true', effect: warn}\n"},
		{"an effect of another section", area + "completion:\n  rules:\n    - {id: a, description: d, expression: 'true', effect: ineligible}\n"},
		{"an unknown field", area + "parms:\n  min_age: 18\n"},
		{"an unknown section field", area + "eligibility:\n  texts:\n    a: \"'x'\"\n"},
		{"overridable in an area", area + "eligibility:\n  rules:\n    - {id: a, description: d, expression: 'true', effect: advisory, overridable: true}\n"},
		{"an outcome code for no outcome", area + "outcome_codes:\n  XX: attnded\n"},
		{"a norms status that is not one", area + "assessment:\n  norms: {status: invented}\n  scales: []\n"},
		{"a rule id that is not snake_case", area + "eligibility:\n  rules:\n    - {id: Bad-Id, description: d, expression: 'true', effect: advisory}\n"},
		{"no area name", "policy: i-SOTP\n"},
		{"a closure day that does not exist", area + "calendar:\n  closures:\n    - {date: 2026-02-30, reason: r}\n"},
		{"a closure day without a reason", area + "calendar:\n  closures:\n    - {date: 2026-12-24}\n"},
		{"a misspelt closure field", area + "calendar:\n  closures:\n    - {date: 2026-12-24, reasons: r}\n"},
		{"bank holidays in an area", area + "calendar:\n  closures: []\n  one_off_days:\n    - {date: 2026-12-24, name: n, source: s}\n"},
	}
	for _, tt := range areaTests {
		t.Run("area/"+tt.name, func(t *testing.T) {
			if validates(t, "area-file.schema.json", tt.src, false) {
				t.Error("area-file.schema.json accepts it")
			}
			if _, err := decisions.Check(rules.National, rules.AreaBytes("x.yaml", []byte(tt.src))); err == nil {
				t.Error("isotp check accepts it")
			}
		})
	}
	// file is the national file src replaces; "" adds src as a file of its
	// own.
	ruleTests := []struct{ name, file, src string }{
		{"a parameter type that is not one", "", "parameters:\n  x: {type: integer, default: 1, description: d}\n"},
		{"an effect the section does not have", "", "eligibility:\n  rules:\n    - {id: a, description: d, expression: 'true', effect: warn}\n"},
		{"a fixed parameter with bounds", "", "parameters:\n  x: {type: int, default: 1, description: d, fixed: true, bounds: value > 0}\n"},
		{"a calendar without its checked years", "calendar.yaml", "calendar:\n  one_off_days: []\n"},
		{"a one-off day without its source", "calendar.yaml", "calendar:\n  checked_years: {from: 2020, to: 2026}\n  one_off_days:\n    - {date: 2023-05-08, name: n}\n"},
		{"a year written as text", "calendar.yaml", "calendar:\n  checked_years: {from: '2020', to: 2026}\n"},
		{"message and message_expression", "", "eligibility:\n  rules:\n    - {id: a, description: d, expression: 'true', effect: advisory, message: m, message_expression: \"'m'\"}\n"},
	}
	// The controls: the same files done right pass both, so that each
	// refusal above is for the mistake it names.
	t.Run("controls", func(t *testing.T) {
		good := area + "calendar:\n  closures:\n    - {date: 2026-12-24, reason: r}\n"
		require.True(t, validates(t, "area-file.schema.json", good, false), "area-file.schema.json refuses a good area file")
		_, err := decisions.Check(rules.National, rules.AreaBytes("x.yaml", []byte(good)))
		require.NoError(t, err)
		cal := "calendar:\n  checked_years: {from: 2020, to: 2026}\n  one_off_days:\n    - {date: 2023-05-08, name: n, source: s}\n"
		require.True(t, validates(t, "rule-file.schema.json", cal, false), "rule-file.schema.json refuses a good calendar")
		_, err = decisions.Check(nationalPlus(t, "calendar.yaml", cal))
		require.NoError(t, err)
	})
	for _, tt := range ruleTests {
		t.Run("rule file/"+tt.name, func(t *testing.T) {
			if validates(t, "rule-file.schema.json", tt.src, false) {
				t.Error("rule-file.schema.json accepts it")
			}
			if _, err := decisions.Check(nationalPlus(t, tt.file, tt.src)); err == nil {
				t.Error("isotp check accepts it")
			}
		})
	}
	caseTests := []struct{ name, src string }{
		{"a date that does not exist", `{"as_of": "2026-02-30"}`},
		{"a date written another way", `{"as_of": "27/11/2026"}`},
		{"a misspelt sex", `{"offender": {"sex": "mael"}}`},
		{"an unknown field", `{"offender": {"gender": "male"}}`},
		{"text for a boolean", `{"offences": [{"internet": "yes"}]}`},
		{"an unknown requirement", `{"order": {"requirements": ["unpaid_work"]}}`},
		{"text for a number", `{"order": {"supervision_months": "24"}}`},
		{"a decimal number of months", `{"order": {"supervision_months": 24.5}}`},
	}
	for _, tt := range caseTests {
		t.Run("case/"+tt.name, func(t *testing.T) {
			if validates(t, "case.schema.json", tt.src, true) {
				t.Error("case.schema.json accepts it")
			}
			if _, err := isotp.DecodeCase(strings.NewReader(tt.src)); err == nil {
				t.Error("the case decoder accepts it")
			}
		})
	}
	testFileTests := []struct{ name, src string }{
		{"a misspelt expectation", "tests:\n  - name: a\n    case: {stage: pre_sentence}\n    expect: {eligibility: {outcom: eligible}}\n"},
		{"no tests", "tests: []\n"},
		{"an outcome that is not one", "tests:\n  - name: a\n    case: {stage: pre_sentence}\n    expect: {eligibility: {outcome: maybe}}\n"},
	}
	for _, tt := range testFileTests {
		t.Run("test file/"+tt.name, func(t *testing.T) {
			if validates(t, "test-file.schema.json", tt.src, false) {
				t.Error("test-file.schema.json accepts it")
			}
			file := filepath.Join(t.TempDir(), "x_test.yaml")
			require.NoError(t, os.WriteFile(file, []byte(tt.src), 0o644))
			if _, err := policytest.Load(file); err == nil {
				t.Error("the test loader accepts it")
			}
		})
	}
}

// TestSchemaEnumsAreTheGoEnums: every enumeration the case and test-file
// schemas spell out is the Go enumeration's list of spellings.
func TestSchemaEnumsAreTheGoEnums(t *testing.T) {
	tests := []struct {
		schema, pointer string
		want            []string
	}{
		{"case.schema.json", "/properties/stage/enum", enum.Spellings[isotp.Stage]()},
		{"case.schema.json", "/properties/offender/properties/sex/enum", enum.Spellings[isotp.Sex]()},
		{"case.schema.json", "/properties/offender/properties/risk_of_harm/enum", enum.Spellings[isotp.RiskOfHarm]()},
		{"case.schema.json", "/properties/offender/properties/deviance/enum", enum.Spellings[isotp.Deviance]()},
		{"case.schema.json", "/properties/order/properties/type/enum", enum.Spellings[isotp.OrderType]()},
		{"case.schema.json", "/properties/order/properties/requirements/items/enum", enum.Spellings[isotp.Requirement]()},
		{"test-file.schema.json", "/$defs/verdict/enum", enum.Spellings[rules.Verdict]()},
		{"test-file.schema.json", "/$defs/eligibility/properties/outcome/enum", enum.Spellings[eligibility.Outcome]()},
		{"test-file.schema.json", "/$defs/eligibility/properties/regime/enum", enum.Spellings[eligibility.Regime]()},
		{"test-file.schema.json", "/$defs/attendance/properties/status/enum", enum.Spellings[attendance.Status]()},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.schema)
		require.NoError(t, err)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		require.NoError(t, err)
		var at any = doc
		for _, part := range strings.Split(strings.TrimPrefix(tt.pointer, "/"), "/") {
			m, ok := at.(map[string]any)
			require.True(t, ok, "%s%s: no %s", tt.schema, tt.pointer, part)
			at = m[part]
		}
		var got []string
		list, _ := at.([]any)
		for _, v := range list {
			if s, ok := v.(string); ok {
				got = append(got, s)
			}
		}
		require.Equal(t, tt.want, got, "%s%s", tt.schema, tt.pointer)
	}
}
