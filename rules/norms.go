package rules

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Norms is what a rule file states of the figures it gives for the
// psychometric battery (standard deviations, reliabilities, norms,
// cut-offs): whether they may be relied on, and where they come from. An
// area file writes it once for all its scales, as assessment.norms, or for
// one scale, as that scale's norms:
//
//	assessment:
//	  norms: {status: published, source: "the study or data the figures come from"}
//
// A published status needs a source.
type Norms struct {
	Status NormsStatus `json:"status"`
	Source string      `json:"source,omitempty"` // a citation or description, for the report's method note
}

// A NormsStatus says whether a scale's figures may be relied on. The zero
// NormsStatus is invalid; a file that does not say gives no Norms at all.
type NormsStatus uint8

const (
	// NormsPublished: the figures come from a published study or an area's
	// own validated data, named by the source.
	NormsPublished NormsStatus = iota + 1
	// NormsIllustrative: the figures were made up, to show how the
	// assessment works; a result judged by them must not be used for a
	// decision.
	NormsIllustrative
)

var normsStatusNames = [...]string{"", "published", "illustrative"}

// String returns the status's rule-file and JSON spelling.
func (s NormsStatus) String() string {
	if int(s) < len(normsStatusNames) {
		return normsStatusNames[s]
	}
	return fmt.Sprintf("NormsStatus(%d)", uint8(s))
}

// MarshalText writes the status's spelling.
func (s NormsStatus) MarshalText() ([]byte, error) {
	if s == 0 || int(s) >= len(normsStatusNames) {
		return nil, fmt.Errorf("invalid norms status %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a status's spelling.
func (s *NormsStatus) UnmarshalText(b []byte) error {
	for i := 1; i < len(normsStatusNames); i++ {
		if normsStatusNames[i] == string(b) {
			*s = NormsStatus(i)
			return nil
		}
	}
	return fmt.Errorf("unknown norms status %q (want published or illustrative)", b)
}

// parseNorms reads a norms statement, {status, source}; nil if it is wrong,
// with the errors reported.
func parseNorms(f *srcFile, errs *ErrorList, n *yaml.Node, what string) *Norms {
	var nm Norms
	ok := true
	var statusAt *yaml.Node
	f.fields(errs, n, what, map[string]func(k, v *yaml.Node){
		"status": func(_, v *yaml.Node) {
			statusAt = v
			s, known := f.OneOf((*report)(errs), v, what+".status", normsStatusNames[1:])
			ok = ok && known && nm.Status.UnmarshalText([]byte(s)) == nil
		},
		"source": func(_, v *yaml.Node) {
			s, isText := f.text(errs, v, what+".source")
			ok = ok && isText
			nm.Source = s
		},
	}, "status")
	if !ok || statusAt == nil {
		return nil
	}
	if nm.Status == NormsPublished && nm.Source == "" {
		f.errorf(errs, "battery", statusAt, "%s: published norms need a source: name the study or data the figures come from", what)
		return nil
	}
	return &nm
}
