// Package errcode holds the REST API's error codes.
package errcode

// Code is a REST API error code.
type Code int

const (
	FunctionNameExist Code = 4101 + iota
	AliasNameAlreadyExists
)

const (
	FuncMetaNotFoundErrCode Code = 4112
	FunctionNotFound        Code = 4115
	FunctionVersionNotFound Code = 4116
)

const (
	DefaultPort = 8080
	MaxBodySize = 1 << 20
	ReadTimeout = 86400
)
