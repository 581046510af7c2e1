@{
    RootModule           = 'VideoPlatforms.dll'
    # Imported before RootModule: it loads the Engine and its libraries (lib/) in the module's own load context.
    NestedModules        = @('VideoPlatforms.Loader.dll')
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '7c4f3f5e-2b8a-4d1e-9a55-0f6b3c9e2d41'
    Author               = 'VideoPlatforms contributors'
    CompanyName          = 'VideoPlatforms'
    Copyright            = '(c) VideoPlatforms contributors. MIT License.'
    Description          = 'Publish, list, update, download, copy and delete videos on api.video, Vimeo, Ziggeo and BigGo with one set of cmdlets, in PowerShell 7.4 or later on Linux, macOS and Windows. Uploads stream from disk in chunks and resume after a failure; retries never create a second video; keys, access tokens and signed URLs never appear in output, verbose, debug or error streams. Cmdlets: Connect-VideoProvider, Get-VideoProvider, Disconnect-VideoProvider, Get-VideoProviderAuthorizationUrl, Send-Video, Get-Video, Set-Video, Remove-Video, Wait-Video, Save-Video, Copy-Video, Sync-Video, New-UploadToken, Get-UploadToken, Remove-UploadToken, Get-VideoUploadJournal, Clear-VideoUploadJournal, Add-VideoCaption, Get-VideoCaption, Remove-VideoCaption and Invoke-VideoProviderRequest.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('VideoPlatforms.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-VideoProvider'
        'Disconnect-VideoProvider'
        'Get-VideoProvider'
        'Get-VideoProviderAuthorizationUrl'
        'Send-Video'
        'Sync-Video'
        'Get-VideoUploadJournal'
        'Clear-VideoUploadJournal'
        'Get-Video'
        'Set-Video'
        'Remove-Video'
        'New-UploadToken'
        'Get-UploadToken'
        'Remove-UploadToken'
        'Wait-Video'
        'Invoke-VideoProviderRequest'
        'Save-Video'
        'Copy-Video'
        'Add-VideoCaption'
        'Get-VideoCaption'
        'Remove-VideoCaption'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Video', 'Upload', 'Vimeo', 'ApiVideo', 'Ziggeo', 'BigGo', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            ProjectUri   = 'https://github.com/videoplatforms/VideoPlatforms'
            LicenseUri   = 'https://github.com/videoplatforms/VideoPlatforms/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0, the first release. api.video, Vimeo (API 3.4), Ziggeo and BigGo work end to end behind the same cmdlets; the test suite runs each against a local emulator of its API.
- Connections: Connect-VideoProvider (api.video API key or upload token; Vimeo personal access token, app-only token or authorization code; Ziggeo application token and private key; BigGo client credentials and region), Get-VideoProvider, Disconnect-VideoProvider, and Get-VideoProviderAuthorizationUrl for Vimeo's authorization-code flow.
- Videos: Send-Video (streamed uploads, chunked on api.video and Vimeo, several files at once, -Resume after a stopped run, -Wait), Get-Video, Set-Video, Remove-Video (asks for confirmation), Wait-Video, Save-Video (downloads that resume after a drop), Copy-Video (between connections and platforms, once per video) and Sync-Video (makes an account hold a folder's videos, on api.video and Ziggeo).
- Upload tokens on api.video and Ziggeo: New-UploadToken, Get-UploadToken and Remove-UploadToken (Ziggeo has no listing, so there Get-UploadToken reads a token given by its value).
- Get-VideoUploadJournal and Clear-VideoUploadJournal: the journal Send-Video -Resume works from.
- Captions: Add-VideoCaption, Get-VideoCaption and Remove-VideoCaption (WebVTT captions and subtitles on api.video, Vimeo and Ziggeo, chapters on api.video and Vimeo; Ziggeo can add but not list or remove them; BigGo has none), and Send-Video -CaptionPath.
- Invoke-VideoProviderRequest: any other endpoint of a platform, with the connection's authentication, retries and redaction.
'@
        }
    }
}
