using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>Engine failures as PowerShell error records: a stable ErrorId, a fitting category, the item as target.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(Exception exception, object? target)
    {
        if (exception is VideoProviderException provider)
        {
            var record = new ErrorRecord(provider, provider.ErrorId, Category(provider.Kind), target);
            if (provider.RecommendedAction is { } action) record.ErrorDetails = new ErrorDetails(provider.Message) { RecommendedAction = action };
            return record;
        }
        return new ErrorRecord(exception, exception.GetType().Name, ErrorCategory.NotSpecified, target);
    }

    public static ErrorCategory Category(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ProviderErrorKind.Unauthorized => ErrorCategory.AuthenticationError,
        ProviderErrorKind.Forbidden => ErrorCategory.PermissionDenied,
        ProviderErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ProviderErrorKind.Conflict => ErrorCategory.ResourceExists,
        ProviderErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        ProviderErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        ProviderErrorKind.Network => ErrorCategory.ConnectionError,
        ProviderErrorKind.Timeout => ErrorCategory.OperationTimeout,
        ProviderErrorKind.NotSupported => ErrorCategory.NotImplemented,
        ProviderErrorKind.ProtocolError => ErrorCategory.ProtocolError,
        ProviderErrorKind.InvalidData => ErrorCategory.InvalidData,
        // The client and the API disagree about which URLs exist (wrong BaseUri or path): not a missing item.
        ProviderErrorKind.EndpointNotFound => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.NotSpecified,
    };
}
