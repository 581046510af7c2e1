@{
    RootModule           = 'VideoPlatforms.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '7c4f3f5e-2b8a-4d1e-9a55-0f6b3c9e2d41'
    Author               = 'VideoPlatforms contributors'
    CompanyName          = 'VideoPlatforms'
    Copyright            = '(c) VideoPlatforms contributors. MIT License.'
    Description          = 'Publish, list, update and delete videos on Vimeo, api.video, Ziggeo and BigGo with one set of cmdlets: Connect-VideoProvider, Send-Video, Get-Video, Set-Video, Remove-Video and upload tokens. Chunked streaming uploads, retries that never duplicate a video, secrets never written to any stream.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('VideoPlatforms.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-VideoProvider'
        'Disconnect-VideoProvider'
        'Get-VideoProvider'
        'Get-VideoProviderAuthorizationUrl'
        'Send-Video'
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
            ReleaseNotes = '0.1.0: api.video end to end (connect with a key or an upload token, chunked streaming upload, list, update, delete, upload tokens) and the local Sandbox.'
        }
    }
}
