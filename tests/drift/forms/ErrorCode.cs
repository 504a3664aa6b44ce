// C#: enums and constants.
namespace Sdk
{
    public enum ErrorCode : int
    {
        [Obsolete("use DiskFull")]
        ParameterInvalid = 1001,
        DiskFull,
    }

    public static class Errors
    {
        public const int NotFound = 1003;
    }

    public class Settings
    {
        public const int Port = 18765;
        public const int MaxPort = 65535;
    }
}
