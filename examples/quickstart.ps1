# VideoPlatforms quick start: connect, upload a small generated video, list, update, delete.
#
# Needs no account: it talks to the local Sandbox. The Playground and examples/Start-QuickStart.ps1 (the same in pwsh)
# start one and set $env:VIDEOPLATFORMS_SANDBOX; a Sandbox you start yourself
# (dotnet run --project src/VideoPlatforms.Sandbox) listens on 127.0.0.1:5080.
# Only Microsoft.PowerShell.Core commands are used, so it runs in pwsh and in the hosted engine alike.

$sandbox = if ($env:VIDEOPLATFORMS_SANDBOX) { $env:VIDEOPLATFORMS_SANDBOX } else { 'http://127.0.0.1:5080/' }
if (-not (Get-Module VideoPlatforms)) {
    $manifest = if ($env:VIDEOPLATFORMS_MODULE) { $env:VIDEOPLATFORMS_MODULE } else { "$PSScriptRoot/../out/VideoPlatforms/VideoPlatforms.psd1" }
    Import-Module $manifest -ErrorAction Stop
}
$ErrorActionPreference = 'Stop'

'== Connect to api.video (the Sandbox speaks its API under /apivideo/)'
# The Sandbox's documented key. With a real account: $key = Read-Host -AsSecureString 'api.video API key'
$key = [System.Net.NetworkCredential]::new('', 'sandbox-apivideo-key').SecurePassword
Connect-VideoProvider -Provider ApiVideo -ApiKey $key -BaseUri "${sandbox}apivideo/" -PassThru | Out-Default

'== Upload a generated 12 MiB clip in 5 MiB chunks'
# The Sandbox stores and hashes the bytes without decoding them, so random bytes make a fine "video".
$file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'videoplatforms-quickstart.mp4')
$bytes = [byte[]]::new(12MB)
[System.Random]::new(42).NextBytes($bytes)
[System.IO.File]::WriteAllBytes($file, $bytes)
$video = Send-Video -Path $file -Title 'Quick start clip' -Tag demo, quickstart -ChunkSize 5MB
$video | Out-Default

'== List the account''s videos'
Get-Video | Out-Default

'== Update the title and privacy'
Get-Video -Id $video.Id | Set-Video -Title 'Quick start clip (edited)' -Privacy Private -PassThru | Out-Default

'== Delete it (-Force: no confirmation prompt)'
Get-Video -Id $video.Id | Remove-Video -Force
"Videos left in the account: $(@(Get-Video).Count)"

[System.IO.File]::Delete($file)
Disconnect-VideoProvider
