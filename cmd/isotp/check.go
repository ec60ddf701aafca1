package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/isotp-dev/isotp/decisions"
	"github.com/isotp-dev/isotp/rules"
)

var checkCommand = &command{
	name:    "check",
	args:    "[--policy DIR] [--area FILE] [--format text|json] [AREA_FILE|DIR...]",
	summary: "load the policy and type-check every rule, with each area file given (or every one in a folder); errors as file:line:col",
	example: "isotp check --format json examples/areas",
}

func init() { checkCommand.run = runCheck }

// A diagnostic is one problem check found, for editors and CI annotations.
type diagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Code     string `json:"code"`
	Severity string `json:"severity"` // error: every problem check reports stops the policy loading
	Message  string `json:"message"`
}

// checked is the outcome of checking the national policy with one area
// file, or alone.
type checked struct {
	Area        string       `json:"area_file,omitempty"` // the area file, as given; "" for the national policy alone
	OK          bool         `json:"ok"`
	Policy      *rules.Info  `json:"policy,omitempty"` // when it loads
	Diagnostics []diagnostic `json:"diagnostics"`
	err         error        // the problem, when it is not the policy's (an unreadable file)
	list        rules.ErrorList
	summary     string
}

// runCheck checks the policy for every decision of the registry, once for
// each area file given (or alone): every rule section compiled together,
// so that one run reports every error, then each decision made, for what
// it needs beyond its rules.
func runCheck(ctx context.Context, e *env, args []string) int {
	f := newFlags(checkCommand, e, "text", "json")
	pos, code, ok := f.parse(args, 0, -1)
	if !ok {
		return code
	}
	areas, err := areaFiles(f.area, pos)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp check: %v\n", err)
		return exitUsage
	}
	src, _ := f.source()
	var results []*checked
	for _, area := range areas {
		results = append(results, checkOne(f, src, area))
	}
	status := exitOK
	for _, r := range results {
		switch {
		case r.err != nil && !errors.Is(r.err, rules.ErrInvalidPolicy):
			status = exitUsage
		case !r.OK && status == exitOK:
			status = exitPolicy
		}
	}
	if f.format == "json" {
		if code := write(e, "json", struct {
			OK       bool       `json:"ok"`
			Policies []*checked `json:"policies"`
		}{status == exitOK, results}, nil); code != exitOK {
			return code
		}
		return status
	}
	for _, r := range results {
		switch {
		case r.OK:
			fmt.Fprintln(e.stdout, r.summary)
		case r.list != nil:
			if len(results) > 1 {
				fmt.Fprintf(e.stderr, "%s:\n", r.label())
			}
			for _, pe := range r.list {
				fmt.Fprintln(e.stderr, pe.Detail())
			}
			fmt.Fprintf(e.stderr, "isotp check: %s: %d error(s) in the policy\n", r.label(), len(r.list))
		default:
			fmt.Fprintf(e.stderr, "isotp check: %s: %v\n", r.label(), r.err)
		}
	}
	return status
}

// label names what r checked.
func (r *checked) label() string {
	if r.Area == "" {
		return "national policy"
	}
	return displayName(r.Area)
}

// checkOne checks the national rule files of src with the area file area
// ("" for none).
func checkOne(f *flags, src rules.Source, area string) *checked {
	r := &checked{Area: area, Diagnostics: []diagnostic{}}
	var opts []rules.Option
	if area != "" {
		opts = append(opts, areaOption(f.env, area))
	}
	pol, err := decisions.Check(src, opts...)
	if err == nil {
		info := pol.Info()
		r.OK, r.Policy = true, &info
		r.summary = fmt.Sprintf("ok: %s %s (%s): %d parameters, %d rule sections, %d decisions\n%s",
			info.Name, info.Version, info.Area, len(pol.Params()), len(decisions.Sections()), len(decisions.All()), info.Digest)
		if area != "" {
			r.summary = displayName(area) + ": " + r.summary
		}
		return r
	}
	r.err = err
	if errors.As(err, &r.list) {
		for _, pe := range r.list {
			r.Diagnostics = append(r.Diagnostics, diagnostic{File: pe.Pos.File, Line: pe.Pos.Line, Column: pe.Pos.Column,
				Code: pe.Code, Severity: "error", Message: pe.Msg})
		}
		return r
	}
	code := "file.read"
	if errors.Is(err, rules.ErrInvalidPolicy) {
		code = "policy"
	}
	file := area
	if file == "" {
		file = "national policy"
	}
	r.Diagnostics = append(r.Diagnostics, diagnostic{File: displayName(file), Code: code, Severity: "error", Message: err.Error()})
	return r
}

// areaFiles lists the area files to check: --area's, then each argument,
// a folder standing for the area files in it (*.yaml but policy tests,
// *_test.yaml), in name order. None means the national policy alone.
func areaFiles(flagArea string, args []string) ([]string, error) {
	var out []string
	if flagArea != "" {
		out = append(out, flagArea)
	}
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, en := range entries {
			if n := en.Name(); !en.IsDir() && strings.HasSuffix(n, ".yaml") && !strings.HasSuffix(n, "_test.yaml") {
				names = append(names, filepath.Join(a, n))
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: no area files (*.yaml) in this folder", a)
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out, nil
}
