package rules

import (
	"slices"
	"strings"
	"unicode/utf8"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

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
	titles  []ref.Val      // each entry's title as a CEL string, made once
	ids     []ref.Val      // and its id
	byName  map[string]int // normalised id or alias -> entry index
	trace   *trace         // the policy's
}

func (c *catalogue) lookup(name string) (CatalogueEntry, bool) {
	if i, ok := c.find(name); ok {
		return c.entries[i], true
	}
	return CatalogueEntry{}, false
}

// title is offence_title(name), name a CEL string: the title of the
// offence it names, or name itself when it names none.
func (c *catalogue) title(name ref.Val) ref.Val {
	if i, ok := c.find(string(name.(types.String))); ok {
		return c.titles[i]
	}
	return name
}

// The overloads of the catalogue's functions.
const (
	inCatalogueOverload  = "in_catalogue_string"
	catalogueIDOverload  = "catalogue_id_string"
	offenceTitleOverload = "offence_title_string"
)

// find returns the index of the entry name names.
func (c *catalogue) find(name string) (int, bool) {
	c.trace.table(Catalogue)
	if i, ok := c.byName[name]; ok { // the common case: a catalogue id as written
		return i, true
	}
	var buf [128]byte
	key, ascii := normaliseASCII(buf[:0], name)
	i, ok := 0, false
	switch {
	case !ascii:
		i, ok = c.byName[normaliseOffence(name)]
	case string(key) != name: // as written, it was not found
		i, ok = c.byName[string(key)]
	}
	return i, ok
}

// catalogueMemo is what the catalogue said of the last few names an
// evaluation looked up: its rules and texts look up the same offences many
// times (each rule, finding and variable that asks whether an offence is
// in the catalogue, or its title), and normalising a name costs more than
// finding it again among a few.
type catalogueMemo struct {
	n     int // names looked up so far, of which the last len(names) are kept
	names [4]string
	found [4]int // each name's entry index, or -1
}

// find is c.find(name), through the memo.
func (m *catalogueMemo) find(c *catalogue, name string) (int, bool) {
	for k := range min(m.n, len(m.names)) {
		if m.names[k] == name {
			return m.found[k], m.found[k] >= 0
		}
	}
	i, ok := c.find(name)
	k := m.n % len(m.names)
	m.names[k], m.found[k] = name, i
	if !ok {
		m.found[k] = -1
	}
	m.n++
	return i, ok
}

// normaliseOffence lower-cases s and collapses white space, so that
// "Criminal Justice Act 1988  s.160" matches "criminal justice act 1988 s.160".
func normaliseOffence(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// normaliseASCII appends normaliseOffence(s) to buf without allocating
// while it fits, when s is ASCII; ok is false when it is not, as
// normaliseOffence then has Unicode's cases and spaces to deal with.
func normaliseASCII(buf []byte, s string) (key []byte, ok bool) {
	start := len(buf)
	buf = slices.Grow(buf, len(s)) // the key is never longer than s
	out := buf[start : start+len(s)]
	n := 0
	space := false
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= utf8.RuneSelf {
			return nil, false
		}
		c := asciiFold[b]
		if c == ' ' {
			space = start+n > 0
			continue
		}
		if space { // a run of white space read: one space, before c
			out[n] = ' '
			n++
			space = false
		}
		out[n] = c
		n++
	}
	return buf[:start+n], true
}

// asciiFold is what each ASCII byte is in a normalised name: a letter in
// lower case, white space a space, anything else itself.
var asciiFold = func() (fold [utf8.RuneSelf]byte) {
	for b := range fold {
		fold[b] = byte(b)
		switch {
		case b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r':
			fold[b] = ' '
		case 'A' <= b && b <= 'Z':
			fold[b] = byte(b) + 'a' - 'A'
		}
	}
	return fold
}()

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
		c.titles = append(c.titles, types.String(e.Title))
		c.ids = append(c.ids, types.String(e.ID))
	}
}
