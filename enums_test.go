package isotp_test

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
)

// enumValue is what every enumeration of the case format is.
type enumValue interface {
	comparable
	String() string
	encoding.TextMarshaler
	json.Marshaler
}

// checkEnum checks one enumeration: its zero value is not known (String "",
// MarshalJSON null, MarshalText an error); every other value is spelled
// once, and reads back from its spelling; an out of range value cannot be
// written.
func checkEnum[T enumValue, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, outOfRange T, want map[T]string) {
	t.Helper()
	var zero T
	require.Empty(t, zero.String())
	_, err := zero.MarshalText()
	require.Error(t, err, "%T: the zero value cannot be written", zero)
	b, err := zero.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, "null", string(b))
	seen := map[string]bool{}
	for v, spelling := range want {
		require.Equal(t, spelling, v.String())
		require.False(t, seen[spelling], "%T: %q spelled twice", v, spelling)
		seen[spelling] = true
		text, err := v.MarshalText()
		require.NoError(t, err)
		require.Equal(t, spelling, string(text))
		js, err := v.MarshalJSON()
		require.NoError(t, err)
		require.Equal(t, `"`+spelling+`"`, string(js))
		var back T
		require.NoError(t, P(&back).UnmarshalText(text))
		require.Equal(t, v, back)
	}
	_, err = outOfRange.MarshalText()
	require.Error(t, err, "%T(%v)", outOfRange, outOfRange)
	_, err = outOfRange.MarshalJSON()
	require.Error(t, err, "%T(%v)", outOfRange, outOfRange)
	var back T
	require.Error(t, P(&back).UnmarshalText([]byte("")), "%T: the empty text spells nothing", back)
}

func TestEnums(t *testing.T) {
	checkEnum(t, isotp.Stage(3), map[isotp.Stage]string{isotp.PreSentence: "pre_sentence", isotp.PostSentence: "post_sentence"})
	checkEnum(t, isotp.Sex(3), map[isotp.Sex]string{isotp.Male: "male", isotp.Female: "female"})
	checkEnum(t, isotp.RiskOfHarm(5), map[isotp.RiskOfHarm]string{
		isotp.RiskLow: "low", isotp.RiskMedium: "medium", isotp.RiskHigh: "high", isotp.RiskVeryHigh: "very_high"})
	checkEnum(t, isotp.Deviance(3), map[isotp.Deviance]string{isotp.DevianceLow: "low", isotp.DevianceHigh: "high"})
	checkEnum(t, isotp.OrderType(4), map[isotp.OrderType]string{
		isotp.CommunityOrder: "community_order", isotp.CommunityRehabilitationOrder: "community_rehabilitation_order", isotp.Licence: "licence"})
	checkEnum(t, isotp.Requirement(3), map[isotp.Requirement]string{
		isotp.SupervisionRequirement: "supervision", isotp.ProgrammeRequirement: "programme"})
	outcomes := map[isotp.SessionOutcome]string{
		isotp.Attended: "attended", isotp.AcceptableAbsence: "acceptable_absence", isotp.UnacceptableAbsence: "unacceptable_absence",
		isotp.FailedToComply: "failed_to_comply", isotp.CatchUp: "catch_up"}
	checkEnum(t, isotp.SessionOutcome(6), outcomes)
	checkEnum(t, isotp.Eligibility(5), map[isotp.Eligibility]string{
		isotp.Eligible: "eligible", isotp.Ineligible: "ineligible", isotp.Refer: "refer", isotp.Pending: "pending"})

	for v, s := range outcomes {
		got, ok := isotp.ParseSessionOutcome(s)
		require.True(t, ok, s)
		require.Equal(t, v, got)
	}
	for _, s := range []string{"", "ATTC", "Attended"} {
		_, ok := isotp.ParseSessionOutcome(s)
		require.False(t, ok, "%q is no pinned outcome", s)
	}
}
