package rules_test

import "github.com/isotp-dev/isotp"

func d(s string) isotp.Date {
	v, err := isotp.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}
