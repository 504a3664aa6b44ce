package api

const (
	FunctionAlreadyExists = 4101
	FunctionNotFound = 4115
)
