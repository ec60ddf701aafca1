package schema

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// marshal writes n as JSON indented by two spaces, one item or member a
// line, keys in their order: the layout of the schemas that are generated
// in part (see TestGenerated).
func (n *jnode) marshal() []byte {
	var b bytes.Buffer
	n.write(&b, 0)
	b.WriteString("\n")
	return b.Bytes()
}

func (n *jnode) write(b *bytes.Buffer, depth int) {
	ind := strings.Repeat("  ", depth+1)
	switch n.kind {
	case '{':
		if len(n.keys) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, k := range n.keys {
			b.WriteString(ind)
			writeScalar(b, k)
			b.WriteString(": ")
			n.vals[i].write(b, depth+1)
			if i < len(n.keys)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(strings.Repeat("  ", depth) + "}")
	case '[':
		if len(n.vals) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, v := range n.vals {
			b.WriteString(ind)
			v.write(b, depth+1)
			if i < len(n.vals)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(strings.Repeat("  ", depth) + "]")
	default:
		writeScalar(b, n.scalar)
	}
}

func writeScalar(b *bytes.Buffer, v any) {
	if num, ok := v.(json.Number); ok {
		b.WriteString(num.String())
		return
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	b.Truncate(b.Len() - 1) // the encoder's line feed
}

// set makes value the member key of object n, in its place if n has one
// already, or last.
func (n *jnode) set(key string, value *jnode) {
	for i, k := range n.keys {
		if k == key {
			n.vals[i] = value
			return
		}
	}
	n.keys = append(n.keys, key)
	n.vals = append(n.vals, value)
}

// object makes an object of key, value pairs, in order: the values are
// *jnode, string, bool, int, []string or []*jnode.
func object(kv ...any) *jnode {
	n := &jnode{kind: '{'}
	for i := 0; i+1 < len(kv); i += 2 {
		n.set(kv[i].(string), value(kv[i+1]))
	}
	return n
}

func value(v any) *jnode {
	switch x := v.(type) {
	case *jnode:
		return x
	case []string:
		n := &jnode{kind: '[', vals: []*jnode{}}
		for _, s := range x {
			n.vals = append(n.vals, &jnode{scalar: s})
		}
		return n
	case []*jnode:
		return &jnode{kind: '[', vals: x}
	case int:
		return &jnode{scalar: json.Number(strconv.Itoa(x))}
	}
	return &jnode{scalar: v}
}
