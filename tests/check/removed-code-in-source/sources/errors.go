package api

// Code is a REST error code.
type Code int

const (
	FunctionNameExist      Code = 4101
	AliasNameAlreadyExists Code = 4102
	FunctionNotFound       Code = 4115
)
