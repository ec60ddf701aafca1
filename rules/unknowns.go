package rules

import "cel.dev/cel-go/common/types"

// Unknown values are merged here, not by types.MergeUnknowns alone.
//
// types.MergeUnknowns(u, v) appends v's facts to u's list of facts, in
// place when the list has room: two merges of one u, with different v,
// then write their last facts to the same place, and the first merge's
// result comes to name the second's fact instead of its own. A list has
// room once a merge has grown it past a power of two (three facts, say),
// so a variable unknown for three facts, read by two rules unknown for
// others, would name the wrong facts. mergeUnknowns merges u's facts into
// a list of its own first when u's has room.

// mergeUnknowns returns an unknown naming the facts of both u and v, either
// of which may be nil, without changing what any other unknown names.
func mergeUnknowns(u, v *types.Unknown) *types.Unknown {
	switch {
	case u == nil:
		return v
	case v == nil || u == v:
		return u
	}
	if ts, _ := u.GetAttributeTrails(unknownID); cap(ts) > len(ts) {
		// A list of its own, made afresh from one fact: merged into,
		// it is copied as it grows, and held by nothing else.
		u = types.MergeUnknowns(types.NewUnknown(unknownID, ts[0]), u)
	}
	return types.MergeUnknowns(u, v)
}

// unknownMemo keeps the unknowns an activation has merged, by the pair
// merged, and the names of the facts it has named: evaluations merge and
// name the same missing facts case after case (a missing field's unknown is
// made once: Object.missing), and an unknown does not change once made. It
// keeps up to maxMemo of each, and starts again when full. It is an
// activation's own: not safe for concurrent use.
type unknownMemo struct {
	merged map[[2]*types.Unknown]*types.Unknown
	names  map[*types.AttributeTrail]string
}

// maxMemo is the most merges, and names, an activation keeps.
const maxMemo = 128

// merge returns mergeUnknowns(u, v), kept from an earlier merge of the
// two if there was one.
func (um *unknownMemo) merge(u, v *types.Unknown) *types.Unknown {
	if u == nil || v == nil || u == v {
		return mergeUnknowns(u, v)
	}
	k := [2]*types.Unknown{u, v}
	if w, ok := um.merged[k]; ok {
		return w
	}
	w := mergeUnknowns(u, v)
	switch {
	case um.merged == nil:
		um.merged = make(map[[2]*types.Unknown]*types.Unknown, 16)
	case len(um.merged) >= maxMemo:
		clear(um.merged)
	}
	um.merged[k] = w
	return w
}

// name returns trailString(t), kept from an earlier call if there was one;
// um may be nil, to keep nothing.
func (um *unknownMemo) name(t *types.AttributeTrail) string {
	if um == nil {
		return trailString(t)
	}
	if s, ok := um.names[t]; ok {
		return s
	}
	s := trailString(t)
	switch {
	case um.names == nil:
		um.names = make(map[*types.AttributeTrail]string, 16)
	case len(um.names) >= maxMemo:
		clear(um.names)
	}
	um.names[t] = s
	return s
}
