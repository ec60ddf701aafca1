package assessment_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/assessment"
	"github.com/isotp-dev/isotp/rules"
)

// TestNil: no policy, or no case, is an error, never a panic; no case
// is an input error, as a bad case file would be.
func TestNil(t *testing.T) {
	_, err := assessment.New(nil)
	require.Error(t, err)

	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	m, err := assessment.New(pol)
	require.NoError(t, err)
	_, err = m.Assess(context.Background(), nil)
	var ie *isotp.InputError
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, isotp.ErrInvalidInput)
}
