package errcode

const (
	testPort          = 18765
	FakeCode     Code = 9998
)
