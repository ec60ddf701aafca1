package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"go.yaml.in/yaml/v3"

	"github.com/isotp-dev/isotp/internal/yamlfile"
	"github.com/isotp-dev/isotp/internal/yamlfmt"
	"github.com/isotp-dev/isotp/policytest"
	"github.com/isotp-dev/isotp/schema"
)

var fmtCommand = &command{
	name:    "fmt",
	args:    "[-w] [-d] [--check] FILE|DIR|-...",
	summary: "lay out rule, area and policy test files canonically (indentation, key order, quoting), keeping every comment; prints the result, or rewrites (-w), diffs (-d) or checks (--check) the files",
	example: "isotp fmt --check rules/national examples/areas",
}

func init() { fmtCommand.run = runFmt }

func runFmt(ctx context.Context, e *env, args []string) int {
	f := bareFlags(fmtCommand, e)
	write := f.Bool("w", false, "write the result to each file instead of printing it")
	diff := f.Bool("d", false, "print a unified diff of the changes instead of the result")
	check := f.Bool("check", false, "change nothing; list the files that are not laid out canonically, and exit 1 if there are any")
	paths, code, ok := f.parse(args, 1, -1)
	if !ok {
		return code
	}
	if *write && slices.Contains(paths, "-") {
		fmt.Fprintln(e.stderr, "isotp fmt: -w cannot rewrite standard input")
		return exitUsage
	}
	files, err := yamlFiles(paths)
	if err != nil {
		fmt.Fprintf(e.stderr, "isotp fmt: %v\n", err)
		return exitUsage
	}
	status := exitOK
	for _, name := range files {
		src, err := readFmtInput(e, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "isotp fmt: %v\n", err)
			status = exitUsage
			continue
		}
		out, err := formatFile(name, src)
		if err != nil {
			fmt.Fprintf(e.stderr, "isotp fmt: %s: %v\n", displayName(name), err)
			status = exitUsage
			continue
		}
		changed := !bytes.Equal(src, out)
		switch {
		case *check:
			if changed {
				fmt.Fprintln(e.stdout, displayName(name))
				if status == exitOK {
					status = exitPolicy
				}
			}
		case *diff:
			if changed {
				if err := writeDiff(e.stdout, displayName(name), src, out); err != nil {
					fmt.Fprintf(e.stderr, "isotp fmt: %v\n", err)
					return exitUsage
				}
			}
		case *write:
			if changed {
				if err := rewrite(name, out); err != nil {
					fmt.Fprintf(e.stderr, "isotp fmt: %v\n", err)
					status = exitUsage
				}
			}
		default:
			if _, err := e.stdout.Write(out); err != nil {
				fmt.Fprintf(e.stderr, "isotp fmt: %v\n", err)
				return exitUsage
			}
		}
	}
	return status
}

// readFmtInput reads a file, or standard input for "-", no larger than
// the largest file isotp reads (a policy test file).
func readFmtInput(e *env, name string) ([]byte, error) {
	r, err := openInput(e, name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, policytest.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", displayName(name), err)
	}
	if len(data) > policytest.MaxFileSize {
		return nil, fmt.Errorf("%s: larger than the %d bytes isotp reads", displayName(name), policytest.MaxFileSize)
	}
	return data, nil
}

// rewrite replaces the file's contents, keeping its permissions.
func rewrite(name string, data []byte) error {
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	return os.WriteFile(name, data, fi.Mode().Perm())
}

// yamlFiles lists the files to lay out: each file argument, and the *.yaml
// files under each directory, skipping folders named testdata or starting
// with "." or "_", as the go tool does.
func yamlFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		err = yamlfile.Walk(p, func(name string) bool {
			return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
		}, func(path string) { out = append(out, path) })
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// formatFile lays out one file in the key order of its schema: the one its
// yaml-language-server comment names, or else the one its name or its
// top-level keys say (tests: a policy test file; area: an area file; a
// rule file otherwise).
func formatFile(name string, src []byte) ([]byte, error) {
	order, err := schema.KeyOrder(schemaFor(name, src))
	if err != nil {
		return nil, err
	}
	return yamlfmt.Format(src, order)
}

const schemaComment = "# yaml-language-server: $schema="

// schemaFor returns the name of the schema of the file name holding src.
func schemaFor(name string, src []byte) string {
	first, _, _ := strings.Cut(string(src), "\n")
	if rest, ok := strings.CutPrefix(strings.TrimSpace(first), schemaComment); ok {
		if base := filepath.Base(strings.TrimSpace(rest)); base != "" {
			if _, err := schema.FS.Open(base); err == nil {
				return base
			}
		}
	}
	if strings.HasSuffix(name, policytest.Suffix) {
		return "test-file.schema.json"
	}
	var top map[string]yaml.Node
	if yaml.Unmarshal(src, &top) == nil {
		if _, ok := top["tests"]; ok {
			return "test-file.schema.json"
		}
		if _, ok := top["area"]; ok {
			return "area-file.schema.json"
		}
	}
	return "rule-file.schema.json"
}

// writeDiff writes a unified diff of a file's layout.
func writeDiff(w io.Writer, name string, before, after []byte) error {
	return difflib.WriteUnifiedDiff(w, difflib.UnifiedDiff{
		A: difflib.SplitLines(string(before)), B: difflib.SplitLines(string(after)),
		FromFile: name + " (as written)", ToFile: name + " (laid out)", Context: 3,
	})
}
