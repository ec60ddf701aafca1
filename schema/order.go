package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// KeyOrder returns, for the files the schema called name describes (a file
// of FS: "area-file.schema.json"), the order of the keys of the mapping at
// path, as the schema lists its properties: path names the mapping from the
// top of the file, "[]" standing for an item of a list (["eligibility",
// "rules", "[]"] for a rule). It returns nil where the schema lists no
// properties (a map of names, such as params) or does not reach. The
// schema's references ($ref, within it and to the other schemas of FS),
// allOf, anyOf, oneOf, if, then and else are followed; where they list
// properties of their own, those come after, in the order met.
//
// isotp fmt lays out rule, area and test files in this order, so that the
// order in the files, the schemas and the documentation is one.
func KeyOrder(name string) (func(path []string) []string, error) {
	docs, err := loadDocs()
	if err != nil {
		return nil, err
	}
	root, ok := docs[name]
	if !ok {
		return nil, fmt.Errorf("schema: no schema %q", name)
	}
	r := &resolver{docs: docs}
	return func(p []string) []string {
		at := []located{{doc: name, n: root}}
		for _, key := range p {
			at = r.step(at, key)
		}
		return r.keys(at)
	}, nil
}

// loadDocs reads every schema of FS as ordered JSON, by file name.
func loadDocs() (map[string]*jnode, error) {
	entries, err := FS.ReadDir(".")
	if err != nil {
		return nil, err
	}
	docs := map[string]*jnode{}
	for _, e := range entries {
		data, err := FS.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		n, err := parseJSON(data)
		if err != nil {
			return nil, fmt.Errorf("schema: %s: %w", e.Name(), err)
		}
		docs[e.Name()] = n
	}
	return docs, nil
}

// A located node is a schema and the file it is in, for its references.
type located struct {
	doc string
	n   *jnode
}

type resolver struct{ docs map[string]*jnode }

// expand returns the schemas s stands for: in order, those its references
// and combinations name, then itself.
func (r *resolver) expand(s located, seen map[*jnode]bool, out []located) []located {
	if s.n == nil || s.n.kind != '{' || seen[s.n] {
		return out
	}
	seen[s.n] = true
	if ref, ok := s.n.get("$ref").str(); ok {
		out = r.expand(r.ref(s.doc, ref), seen, out)
	}
	for _, comb := range []string{"allOf", "anyOf", "oneOf"} {
		for _, m := range s.n.get(comb).list() {
			out = r.expand(located{s.doc, m}, seen, out)
		}
	}
	for _, k := range []string{"if", "then", "else"} {
		out = r.expand(located{s.doc, s.n.get(k)}, seen, out)
	}
	return append(out, s)
}

// ref resolves reference ref made in file doc: "#/$defs/x",
// "case.schema.json" or "case.schema.json#/$defs/x".
func (r *resolver) ref(doc, ref string) located {
	file, pointer, _ := strings.Cut(ref, "#")
	if file != "" {
		doc = path.Base(file)
	}
	n := r.docs[doc]
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if part == "" {
			continue
		}
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		n = n.get(part)
	}
	return located{doc, n}
}

// step returns the schemas of the value at key (or of a list's items, for
// "[]") of a value that schemas at describe.
func (r *resolver) step(at []located, key string) []located {
	var out []located
	for _, s0 := range at {
		for _, s := range r.expand(s0, map[*jnode]bool{}, nil) {
			if key == "[]" {
				if it := s.n.get("items"); it != nil {
					out = append(out, located{s.doc, it})
				}
				continue
			}
			if p := s.n.get("properties").get(key); p != nil {
				out = append(out, located{s.doc, p})
				continue
			}
			for _, pp := range s.n.get("patternProperties").values() {
				out = append(out, located{s.doc, pp})
			}
			if ap := s.n.get("additionalProperties"); ap != nil && ap.kind == '{' {
				out = append(out, located{s.doc, ap})
			}
		}
	}
	return out
}

// keys returns the properties the schemas at list, in order.
func (r *resolver) keys(at []located) []string {
	var out []string
	for _, s0 := range at {
		for _, s := range r.expand(s0, map[*jnode]bool{}, nil) {
			for _, k := range s.n.get("properties").keyList() {
				if !slices.Contains(out, k) {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// A jnode is a JSON value that keeps the order of an object's keys.
type jnode struct {
	kind   byte     // '{', '[', or 0 for a scalar
	keys   []string // an object's keys, in order
	vals   []*jnode // an object's values, or a list's items
	scalar any      // a scalar's value: string, json.Number, bool or nil
}

func (n *jnode) get(key string) *jnode {
	if n == nil || n.kind != '{' {
		return nil
	}
	if i := slices.Index(n.keys, key); i >= 0 {
		return n.vals[i]
	}
	return nil
}

func (n *jnode) keyList() []string {
	if n == nil {
		return nil
	}
	return n.keys
}

func (n *jnode) str() (string, bool) {
	if n == nil || n.kind != 0 {
		return "", false
	}
	s, ok := n.scalar.(string)
	return s, ok
}

func (n *jnode) list() []*jnode {
	if n == nil || n.kind != '[' {
		return nil
	}
	return n.vals
}

func (n *jnode) values() []*jnode {
	if n == nil || n.kind != '{' {
		return nil
	}
	return n.vals
}

// parseJSON reads one JSON document, keeping the order of object keys.
func parseJSON(data []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return n, nil
}

func parseValue(dec *json.Decoder) (*jnode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &jnode{kind: byte(t)}
		for dec.More() {
			if t == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
		return n, nil
	}
	return &jnode{scalar: tok}, nil
}
