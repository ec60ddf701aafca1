package policytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// A caseSource is where a test's case was written, so that a problem found
// in it, when it is read or when a decision reads it, is reported where the
// author can fix it.
type caseSource struct {
	f      *srcFile
	at     *yaml.Node // the value of case:
	file   string     // the case file as the test names it; "" for an inline case
	data   []byte     // the case file's bytes, to place its errors; nil for an inline case
	inline *yaml.Node // the inline case; nil for a case file
	with   *yaml.Node // the overlay; nil without one
}

// readCase reads a test's case: an inline mapping in the pinned case format,
// or the path of a JSON case file relative to the test file, with an
// optional overlay (with:) merged into it. Every part is decoded by
// isotp.DecodeCase, so a case is read exactly as `isotp eligibility` reads
// a case file; errors name the test file's line and column.
func (r *reader) readCase(caseNode, withNode *yaml.Node) (*isotp.Case, *caseSource, bool) {
	src := &caseSource{f: r.f, at: caseNode, with: withNode}
	var base []byte
	switch {
	case caseNode.Kind == yaml.MappingNode:
		src.inline = caseNode
		js, ok := r.toJSON(caseNode, "case")
		if !ok {
			return nil, nil, false
		}
		if _, err := isotp.DecodeCase(bytes.NewReader(js)); err != nil {
			r.inputError(src, caseNode, "case", err)
			return nil, nil, false
		}
		base = js
	case caseNode.Kind == yaml.ScalarNode && caseNode.Tag == "!!str" && strings.TrimSpace(caseNode.Value) != "":
		src.file = caseNode.Value
		data, ok := r.readFile(caseNode, "case", isotp.MaxCaseBytes)
		if !ok {
			return nil, nil, false
		}
		src.data = data
		if _, err := isotp.DecodeCase(bytes.NewReader(data)); err != nil {
			r.errorf(caseNode, "%s", src.fileError(err))
			return nil, nil, false
		}
		base = data
	default:
		r.errorf(caseNode, "case: want the case written out as a mapping, or the path of a JSON case file; got %s", yamlfile.KindName(caseNode))
		return nil, nil, false
	}
	if withNode != nil {
		if withNode.Kind != yaml.MappingNode {
			r.errorf(withNode, "with: want a mapping of case fields to set, got %s", yamlfile.KindName(withNode))
			return nil, nil, false
		}
		over, ok := r.toJSON(withNode, "with")
		if !ok {
			return nil, nil, false
		}
		if _, err := isotp.DecodeCase(bytes.NewReader(over)); err != nil {
			r.inputError(src, withNode, "with", err)
			return nil, nil, false
		}
		merged, err := mergeJSON(base, over)
		if err != nil {
			r.errorf(withNode, "with: %v", err)
			return nil, nil, false
		}
		base = merged
	}
	c, err := isotp.DecodeCase(bytes.NewReader(base))
	if err != nil {
		// Both parts decoded alone, so their merge should too; say where,
		// and quote nothing of a case file.
		var ie *isotp.InputError
		if src.file != "" && errors.As(err, &ie) {
			r.errorf(caseNode, "case file %s with its overlay: %s", src.file, wanted(ie.Msg))
		} else {
			r.errorf(caseNode, "case with its overlay: %v", err)
		}
		return nil, nil, false
	}
	return c, src, true
}

// readFile reads the file that the text of node n (the value of field what)
// names: a path relative to the test file, to a regular file in the test
// file's folder or below it, of at most limit bytes. An absolute path, a
// path with .. that leads out of the folder, or a symbolic link to a file
// outside it is an error at n, and nothing is read: a test file must not
// make the runner read, and quote, a file its author could not see.
func (r *reader) readFile(n *yaml.Node, what string, limit int) ([]byte, bool) {
	f, ok := r.open(n, what)
	if !ok {
		return nil, false
	}
	defer f.Close()
	data, err := yamlfile.ReadLimited(f, limit)
	if err != nil {
		r.errorf(n, "%s: %s: %v", what, n.Value, pathErr(err))
		return nil, false
	}
	if len(data) > limit {
		r.errorf(n, "%s: %s is over the limit of %d bytes", what, n.Value, limit)
		return nil, false
	}
	return data, true
}

// open opens the regular file that node n names, as readFile describes.
func (r *reader) open(n *yaml.Node, what string) (*os.File, bool) {
	p := n.Value
	want := "want a path relative to this test file, to a file in its folder or below it"
	if what == "case" {
		want += " (cases/x.json)"
	}
	name := filepath.FromSlash(p)
	switch {
	case filepath.IsAbs(name) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || filepath.VolumeName(name) != "":
		r.errorf(n, "%s: %s is an absolute path; %s", what, p, want)
		return nil, false
	case !filepath.IsLocal(name):
		r.errorf(n, "%s: %s leads out of this test file's folder; %s", what, p, want)
		return nil, false
	case r.root == nil:
		r.errorf(n, "%s: %s: the test file's folder cannot be opened", what, p)
		return nil, false
	}
	f, err := r.root.Open(name)
	if err != nil {
		if escapes(err) {
			r.errorf(n, "%s: %s leads out of this test file's folder through a symbolic link; %s", what, p, want)
		} else {
			r.errorf(n, "%s: %s: %v", what, p, pathErr(err))
		}
		return nil, false
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
		r.errorf(n, "%s: %s: %v", what, p, pathErr(err))
	case fi.IsDir():
		r.errorf(n, "%s: %s is a folder; want a file", what, p)
	case !fi.Mode().IsRegular():
		r.errorf(n, "%s: %s is not a regular file", what, p)
	default:
		return f, true
	}
	f.Close()
	return nil, false
}

// escapes reports whether err is os.Root's refusal of a path that leads
// out of the root, through a symbolic link once the path itself is local.
func escapes(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Err.Error() == "path escapes from parent"
}

// pathErr returns what went wrong in an *fs.PathError, without the
// operation and the path: "no such file or directory".
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileError words an error decoding the case file: where in the file it
// is, as case-file:line:col, and what was wanted there, but no byte of the
// file itself, neither the value found nor a key. The test file's line is
// what the report quotes; the author opens the case file at the place
// given.
func (s *caseSource) fileError(err error) string {
	var ie *isotp.InputError
	if !errors.As(err, &ie) {
		return "case file " + s.file + ": not a valid case"
	}
	if strings.HasPrefix(ie.Msg, "invalid JSON") || ie.Msg == "unexpected end of input" {
		if off, ok := jsonSyntaxOffset(s.data); ok {
			return s.fileAt(off) + ": not valid JSON"
		}
		return "case file " + s.file + ": not valid JSON"
	}
	keyN := map[string]int{"unknown field": 1, "duplicate key": 2}[ie.Msg]
	off, ok := jsonPathOffset(s.data, pathElems(ie.Path), keyN)
	if ie.Path == "" || !ok {
		return "case file " + s.file + ": " + wanted(ie.Msg)
	}
	return s.fileAt(off) + ": " + wanted(ie.Msg)
}

// fileAt returns "case file name:line:col" for byte offset off of the case
// file.
func (s *caseSource) fileAt(off int) string {
	line := 1 + bytes.Count(s.data[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(s.data[:off], '\n') + 1) + 1
	return fmt.Sprintf("case file %s:%d:%d", s.file, line, col)
}

var quotedText = regexp.MustCompile(` ?"(?:[^"\\]|\\.)*"`)

// wanted keeps of a case decoder's message what it says was wanted, and
// drops what it found (", got ...", and any quoted text), which is the
// case file's content.
func wanted(msg string) string {
	if i := strings.Index(msg, ", got"); i >= 0 {
		msg = msg[:i]
	}
	msg = quotedText.ReplaceAllString(msg, "")
	if strings.TrimSpace(msg) == "" {
		return "not a valid value"
	}
	return msg
}

// inputError reports a case decoding error at the node its JSON path names
// within root (an inline case or an overlay).
func (r *reader) inputError(src *caseSource, root *yaml.Node, what string, err error) {
	var ie *isotp.InputError
	if !errors.As(err, &ie) {
		r.errorf(root, "%s: %v", what, err)
		return
	}
	n, _ := locate(root, ie)
	r.errorf(n, "%s: %v", what, err)
}

// describe words an input error that a decision found in the test's case,
// at its place: in the overlay or the inline case, that node of the test
// file; in a case file, case: with the case file's line and column and
// what was wanted there, but none of the file's content.
func (s *caseSource) describe(ie *isotp.InputError, what string) string {
	if s.with != nil {
		if n, full := locate(s.with, ie); full {
			return fmt.Sprintf("%s: %s: %v", s.f.pos(n), what, ie)
		}
	}
	if s.inline != nil {
		n, _ := locate(s.inline, ie)
		return fmt.Sprintf("%s: %s: %v", s.f.pos(n), what, ie)
	}
	return fmt.Sprintf("%s: %s: %s", s.f.pos(s.at), what, s.fileError(ie))
}

// locate finds the node an input error's JSON path names under root: the
// key for an unknown or duplicate field, the value otherwise. It returns the
// deepest node found and whether the whole path was found.
func locate(root *yaml.Node, ie *isotp.InputError) (*yaml.Node, bool) {
	node, key := root, (*yaml.Node)(nil)
	for _, e := range pathElems(ie.Path) {
		key = nil
		switch {
		case e.index >= 0:
			if node.Kind != yaml.SequenceNode || e.index >= len(node.Content) {
				return node, false
			}
			node = node.Content[e.index]
		default:
			if node.Kind != yaml.MappingNode {
				return node, false
			}
			found := false
			for i := len(node.Content) - 2; i >= 0; i -= 2 { // the last of duplicate keys
				if node.Content[i].Value == e.key {
					key, node, found = node.Content[i], node.Content[i+1], true
					break
				}
			}
			if !found {
				return node, false
			}
		}
	}
	if key != nil && (ie.Msg == "unknown field" || ie.Msg == "duplicate key") {
		return key, true
	}
	return node, true
}

type pathElem struct {
	key   string
	index int // -1 for a key
}

// pathElems splits a JSON path as isotp.InputError writes it:
// attendance.sessions[3].outcome, scores["odd key"].
func pathElems(p string) []pathElem {
	var out []pathElem
	for i := 0; i < len(p); {
		switch {
		case p[i] == '.':
			i++
		case strings.HasPrefix(p[i:], `["`):
			q, err := strconv.QuotedPrefix(p[i+1:])
			if err != nil {
				return out
			}
			k, _ := strconv.Unquote(q)
			out = append(out, pathElem{key: k, index: -1})
			i += 1 + len(q) + 1
		case p[i] == '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return out
			}
			n, err := strconv.Atoi(p[i+1 : i+j])
			if err != nil {
				return out
			}
			out = append(out, pathElem{index: n})
			i += j + 1
		default:
			j := strings.IndexAny(p[i:], ".[")
			if j < 0 {
				j = len(p) - i
			}
			out = append(out, pathElem{key: p[i : i+j], index: -1})
			i += j
		}
	}
	return out
}

// toJSON writes node n, a case or part of one written in YAML, as JSON.
// Dates may be written unquoted. Anything JSON cannot hold (a YAML tag, a
// non-scalar key, an infinite number) is an error at its node.
func (r *reader) toJSON(n *yaml.Node, what string) ([]byte, bool) {
	var b bytes.Buffer
	ok := r.writeJSON(&b, n, what)
	return b.Bytes(), ok
}

func (r *reader) writeJSON(b *bytes.Buffer, n *yaml.Node, what string) bool {
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteByte('{')
		ok := true
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				r.errorf(k, "%s: keys must be plain names", what)
				ok = false
				continue
			}
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k.Value)
			b.WriteByte(':')
			ok = r.writeJSON(b, n.Content[i+1], what) && ok
		}
		b.WriteByte('}')
		return ok
	case yaml.SequenceNode:
		b.WriteByte('[')
		ok := true
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			ok = r.writeJSON(b, c, what) && ok
		}
		b.WriteByte(']')
		return ok
	case yaml.ScalarNode:
		return r.writeScalar(b, n, what)
	}
	r.errorf(n, "%s: want plain YAML values, got %s", what, yamlfile.KindName(n))
	return false
}

func (r *reader) writeScalar(b *bytes.Buffer, n *yaml.Node, what string) bool {
	switch n.Tag {
	case "!!null":
		b.WriteString("null")
	case "!!bool":
		var v bool
		if err := n.Decode(&v); err != nil {
			r.errorf(n, "%s: %v", what, err)
			return false
		}
		b.WriteString(strconv.FormatBool(v))
	case "!!int", "!!float":
		// A number written as JSON writes it is passed on as written, so
		// that the case decoder judges it exactly as in a case file.
		if json.Valid([]byte(n.Value)) {
			b.WriteString(n.Value)
			return true
		}
		var v float64
		if err := n.Decode(&v); err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			r.errorf(n, "%s: want a finite number, got %s", what, yamlfile.KindName(n))
			return false
		}
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case "!!str", "!!timestamp":
		writeString(b, n.Value)
	default:
		r.errorf(n, "%s: want plain YAML values, got %s", what, yamlfile.KindName(n))
		return false
	}
	return true
}

func writeString(b *bytes.Buffer, s string) {
	js, _ := json.Marshal(s) // a string always marshals
	b.Write(js)
}

// mergeJSON merges the object over into the object base: objects merge key
// by key; any other value in over, null included, replaces base's.
func mergeJSON(base, over []byte) ([]byte, error) {
	var b, o map[string]any
	if err := decodeObject(base, &b); err != nil {
		return nil, err
	}
	if err := decodeObject(over, &o); err != nil {
		return nil, err
	}
	mergeObjects(b, o)
	return json.Marshal(b)
}

func decodeObject(data []byte, v *map[string]any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

func mergeObjects(base, over map[string]any) {
	for k, v := range over {
		if bo, ok := base[k].(map[string]any); ok {
			if oo, ok := v.(map[string]any); ok {
				mergeObjects(bo, oo)
				continue
			}
		}
		base[k] = v
	}
}
