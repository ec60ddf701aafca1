package policytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/internal/yamlfile"
	"github.com/isotp-dev/isotp/rules"
	"go.yaml.in/yaml/v3"
)

// A caseSource is where a test's case was written, so that a problem found
// in it, when it is read or when a decision reads it, is reported where the
// author can fix it.
type caseSource struct {
	f      *srcFile
	at     *yaml.Node // the value of case:
	file   string     // the case file as the test names it; "" for an inline case
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
		data, err := readCaseFile(r.resolve(caseNode.Value))
		if err != nil {
			r.errorf(caseNode, "case: %v", err)
			return nil, nil, false
		}
		if _, err := isotp.DecodeCase(bytes.NewReader(data)); err != nil {
			r.errorf(caseNode, "case file %s: %v", caseNode.Value, err)
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
		// Both parts decoded alone, so their merge should too; say where.
		r.errorf(caseNode, "case with its overlay: %v", err)
		return nil, nil, false
	}
	return c, src, true
}

// resolve makes a path in the test file relative to the test file's
// directory.
func (r *reader) resolve(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.f.dir, filepath.FromSlash(p))
}

// readCaseFile reads a case file: a regular file (not a device or a pipe)
// of at most maxFileSize bytes.
func readCaseFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, unwrapPath(err)
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is over the limit of %d bytes", name, maxFileSize)
	}
	return data, nil
}

// unwrapPath drops the operation from an *fs.PathError: "open x: no such
// file" reads better as "x: no such file".
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return errors.New(pe.Path + ": " + pe.Err.Error())
	}
	return err
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

// place returns where the JSON path of an input error found by a decision
// lies in the test file: in the overlay, the inline case, or else at case:.
func (s *caseSource) place(ie *isotp.InputError) rules.Position {
	if s.with != nil {
		if n, full := locate(s.with, ie); full {
			return s.f.pos(n)
		}
	}
	if s.inline != nil {
		n, _ := locate(s.inline, ie)
		return s.f.pos(n)
	}
	return s.f.pos(s.at)
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
