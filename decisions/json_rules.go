package decisions

import (
	"github.com/isotp-dev/isotp/internal/jsonwrite"
	"github.com/isotp-dev/isotp/rules"
)

// writeResult writes a rules.Result.
func writeResult(e *jsonwrite.Encoder, r *rules.Result) {
	e.BeginObject()
	e.Key("id")
	e.String(r.ID)
	e.Key("result")
	jsonwrite.Enum(e, r.Verdict)
	e.Key("effect")
	e.String(r.Effect)
	e.Key("message")
	e.String(r.Message)
	if len(r.Missing) > 0 {
		e.Key("missing")
		e.Strings(r.Missing)
	}
	if len(r.Possible) > 0 {
		e.Key("possible")
		jsonwrite.Array(e, r.Possible, writeVerdict)
	}
	if r.Explanation != nil {
		e.Key("explanation")
		writeExplanation(e, r.Explanation)
	}
	e.EndObject()
}

func writeVerdict(e *jsonwrite.Encoder, v *rules.Verdict) { jsonwrite.Enum(e, *v) }

// writeExplanation writes a rules.Explanation.
func writeExplanation(e *jsonwrite.Encoder, x *rules.Explanation) {
	e.BeginObject()
	if x.AppliesWhen != "" {
		e.Key("applies_when")
		e.String(x.AppliesWhen)
	}
	if x.UnknownWhen != "" {
		e.Key("unknown_when")
		e.String(x.UnknownWhen)
	}
	e.Key("expression")
	e.String(x.Expression)
	e.Key("read")
	jsonwrite.Array(e, x.Read, writeFact)
	if len(x.Params) > 0 {
		e.Key("params")
		jsonwrite.Array(e, x.Params, writeFact)
	}
	e.EndObject()
}

// writeFact writes a rules.Fact.
func writeFact(e *jsonwrite.Encoder, f *rules.Fact) {
	e.BeginObject()
	e.Key("path")
	e.String(f.Path)
	e.Key("value")
	e.String(f.Value)
	e.EndObject()
}

// writeVariable writes a rules.VariableExplanation.
func writeVariable(e *jsonwrite.Encoder, v *rules.VariableExplanation) {
	e.BeginObject()
	e.Key("name")
	e.String(v.Name)
	e.Key("value")
	e.String(v.Value)
	e.Key("explanation")
	writeExplanation(e, &v.Explanation)
	e.EndObject()
}

// writeInfo writes a rules.Info.
func writeInfo(e *jsonwrite.Encoder, i *rules.Info) {
	e.BeginObject()
	e.Key("name")
	e.String(i.Name)
	e.Key("version")
	e.String(i.Version)
	e.Key("area")
	e.String(i.Area)
	e.Key("digest")
	e.String(i.Digest)
	e.EndObject()
}
