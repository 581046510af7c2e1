using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Gets upload tokens by value, or lists all of the account's upload tokens.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "UploadToken", DefaultParameterSetName = ListSet)]
[OutputType(typeof(UploadToken))]
public sealed class GetUploadTokenCommand : ConnectedCmdlet
{
    private const string ListSet = "List";
    private const string TokenSet = "Token";

    /// <summary><para type="description">The tokens to get. Accepts UploadToken objects from the pipeline.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = TokenSet)]
    [UploadTokenTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Token { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        if (ParameterSetName == TokenSet)
        {
            foreach (var value in Token!)
            {
                try
                {
                    WriteObject(Run(token => connection.Client.GetUploadTokenAsync(value, token)));
                }
                catch (VideoProviderException ex)
                {
                    // The token is a credential: the error names it masked, as Remove-UploadToken's do.
                    WriteFailure(ex, MaskedToken.Of(value));
                }
            }
            return;
        }
        try
        {
            RunPages(connection.Client.ListUploadTokensAsync(StopToken), page =>
            {
                WriteObject(page.Items, enumerateCollection: true);
                return true;
            });
        }
        catch (VideoProviderException ex)
        {
            Fail(ex, connection);
        }
    }
}
