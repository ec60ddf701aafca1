package rules

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// A CatalogueEntry is one offence in the policy's catalogue of offences that
// make a person eligible. Case files name offences by ID, title, statute or
// any alias (such as a former or current title); matching ignores case and
// runs of white space.
type CatalogueEntry struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Statute string   `json:"statute"`
	Aliases []string `json:"aliases,omitempty"`
}

// catalogue resolves offence names to catalogue entries.
type catalogue struct {
	entries []CatalogueEntry
	byName  map[string]int // normalised id or alias -> entry index
	trace   *trace         // the policy's
}

func (c *catalogue) lookup(name string) (CatalogueEntry, bool) {
	c.trace.table(Catalogue)
	if i, ok := c.byName[name]; ok { // the common case: a catalogue id as written
		return c.entries[i], true
	}
	if i, ok := c.byName[normaliseOffence(name)]; ok {
		return c.entries[i], true
	}
	return CatalogueEntry{}, false
}

// normaliseOffence lower-cases s and collapses white space, so that
// "Criminal Justice Act 1988  s.160" matches "criminal justice act 1988 s.160".
func normaliseOffence(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func parseCatalogue(f *srcFile, errs *ErrorList, n *yaml.Node, c *catalogue, where map[string]Position) {
	for _, item := range f.seq(errs, n, "catalogue") {
		var e CatalogueEntry
		var idNode, titleNode, statuteNode *yaml.Node
		var aliasNodes []*yaml.Node
		f.fields(errs, item, "catalogue entry", map[string]func(k, v *yaml.Node){
			"id": func(_, v *yaml.Node) {
				if s, ok := f.text(errs, v, "catalogue entry: id"); ok {
					if !snakeCase.MatchString(s) {
						f.errorf(errs, "catalogue", v, "catalogue id %q: want snake_case", s)
						return
					}
					e.ID, idNode = s, v
				}
			},
			"title": func(_, v *yaml.Node) {
				if s, ok := f.text(errs, v, "catalogue entry: title"); ok {
					e.Title, titleNode = s, v
				}
			},
			"statute": func(_, v *yaml.Node) {
				if s, ok := f.text(errs, v, "catalogue entry: statute"); ok {
					e.Statute, statuteNode = s, v
				}
			},
			"aliases": func(_, v *yaml.Node) {
				for _, a := range f.seq(errs, v, "catalogue entry: aliases") {
					if s, ok := f.text(errs, a, "catalogue alias"); ok {
						e.Aliases = append(e.Aliases, s)
						aliasNodes = append(aliasNodes, a)
					}
				}
			},
		}, "id", "title", "statute")
		if e.ID == "" || titleNode == nil || statuteNode == nil {
			continue
		}
		idx := len(c.entries)
		names := append([]string{e.ID, e.Title, e.Statute}, e.Aliases...)
		nodes := append([]*yaml.Node{idNode, titleNode, statuteNode}, aliasNodes...)
		ok := true
		for i, name := range names {
			key := normaliseOffence(name)
			if prev, dup := where[key]; dup {
				f.errorf(errs, "catalogue", nodes[i], "offence name %q is already in the catalogue at %s", name, prev)
				ok = false
				continue
			}
			where[key] = f.pos(nodes[i].Line, nodes[i].Column)
		}
		if !ok {
			continue
		}
		for _, name := range names {
			c.byName[normaliseOffence(name)] = idx
		}
		c.byName[e.ID] = idx
		c.entries = append(c.entries, e)
	}
}
