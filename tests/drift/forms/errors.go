// Package errs: typed Code constants, iota blocks, vars; never a port.
package errs

import "os"

// Code is an error code.
type Code int

const (
	ParameterInvalid Code = iota + 1001
	DiskFull
	_
	InstanceExited // 1004
)

const (
	FunctionNameExist Code = 4101
	FunctionNotFound  Code = 4115 // FunctionNotFound = 9999
)

const ErrAuthFailed = 1014

var ErrMetaMissing = 1015

var StatusTimeout = Code(1017)

const (
	WSPort      = 18765
	MaxPort     = 65535
	ChannelSize = 1024
	LogMode     = os.FileMode(0640)
	Timeout     = 86400
)

func f() {
	const ErrLocal = 1099
	libConfig.dataSystemPort = 1100
}
