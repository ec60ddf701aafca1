package groups_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/isotp-dev/isotp"
	"github.com/isotp-dev/isotp/groups"
	"github.com/isotp-dev/isotp/rules"
)

// TestNil: no policy, or no intake, is an error, never a panic; no intake
// is an input error, as a bad intake file would be.
func TestNil(t *testing.T) {
	_, err := groups.New(nil)
	require.Error(t, err)

	pol, err := rules.Load(rules.National)
	require.NoError(t, err)
	m, err := groups.New(pol)
	require.NoError(t, err)
	_, err = m.Form(context.Background(), nil)
	var ie *isotp.InputError
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, isotp.ErrInvalidInput)
}
