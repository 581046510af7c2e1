# What a person sees when a command that asks for confirmation runs where nobody can answer: a real
# `pwsh -NonInteractive` process (as a scheduled task or CI job starts it), the module imported as a user imports
# it, talking to the Sandbox. PowerShell's own error there ("Read and Prompt functionality is not available") does
# not say how to go on; the module's must name the item and say to add -Force or -Confirm:$false, and delete nothing.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"

    # The pwsh running this file, started again as a separate non-interactive process.
    $script:Pwsh, [string[]] $script:PwshPrefix = Get-PwshCommand

    # Runs $Body in `pwsh -NonInteractive` after importing the module and connecting to api.video in the Sandbox;
    # returns what the script printed to its output as one string (it prints JSON).
    function Invoke-NonInteractive {
        param([Parameter(Mandatory)][string] $Body, [string[]] $Arguments = @())
        $script = Join-Path ([System.IO.Path]::GetTempPath()) "vp-noninteractive-$([guid]::NewGuid().ToString('n')).ps1"
        Set-Content -LiteralPath $script -Encoding utf8 -Value @"
param([string] `$Joined)
`$Values = `$Joined -split ','
`$ErrorActionPreference = 'Stop'
. '$($PSScriptRoot.Replace("'", "''"))/Common.ps1'
Connect-SandboxPlatform ApiVideo
$Body
"@
        $saved = $env:VIDEOPLATFORMS_MODULE, $env:VIDEOPLATFORMS_SANDBOX
        try {
            # The child imports the same module and talks to the same Sandbox as this run.
            $env:VIDEOPLATFORMS_MODULE = $ModuleManifest
            $env:VIDEOPLATFORMS_SANDBOX = $SandboxRoot
            $output = & $Pwsh @PwshPrefix -NoProfile -NonInteractive -File $script -Joined ($Arguments -join ',') 2>&1
            ($output | ForEach-Object { "$_" }) -join "`n"
        }
        finally {
            $env:VIDEOPLATFORMS_MODULE, $env:VIDEOPLATFORMS_SANDBOX = $saved
            Remove-Item -LiteralPath $script -ErrorAction SilentlyContinue
        }
    }

    # The catch block each child script ends with: the error as $Error shows it, as one line of JSON.
    $script:ReportError = '} catch { [pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Target = "$($_.TargetObject)" } | ConvertTo-Json -Compress }'
}

Describe 'Confirmation in a session that cannot prompt' {
    BeforeEach {
        Reset-Sandbox
        Connect-SandboxPlatform ApiVideo
    }

    It 'Remove-Video without -Force names the video, says to add -Force or -Confirm:$false, and deletes nothing' {
        $file = New-TestVideoFile -Path (Join-Path ([System.IO.Path]::GetTempPath()) "vp-keep-$PID.mp4")
        $video = Send-Video -LiteralPath $file.FullName -Title 'keep me'

        $answer = Invoke-NonInteractive -Body ("try { Remove-Video -Id `$Values[0] " + $ReportError) -Arguments $video.Id
        $errorRecord = $answer | ConvertFrom-Json

        $errorRecord.ErrorId | Should -Be 'ConfirmationNotPossible,VideoPlatforms.Commands.RemoveVideoCommand'
        $errorRecord.Target | Should -Be $video.Id
        $errorRecord.Message | Should -BeLike "*$($video.Id)*"
        $errorRecord.Message | Should -BeLike '*-Force or -Confirm:$false*'
        $errorRecord.Message | Should -Not -BeLike '*Read and Prompt functionality*'
        (Get-Video -Id $video.Id).Title | Should -Be 'keep me'
        Remove-Item -LiteralPath $file.FullName
    }

    It 'Remove-Video -Force and -Confirm:$false still delete without a prompt' {
        $file = New-TestVideoFile -Path (Join-Path ([System.IO.Path]::GetTempPath()) "vp-go-$PID.mp4")
        $first = Send-Video -LiteralPath $file.FullName -Title 'first'
        $second = Send-Video -LiteralPath $file.FullName -Title 'second'

        $answer = Invoke-NonInteractive -Body ("try { Remove-Video -Id `$Values[0] -Force; Remove-Video -Id `$Values[1] -Confirm:`$false; '{}' " + $ReportError) -Arguments $first.Id, $second.Id

        $answer | Should -Be '{}'
        @(Get-Video).Count | Should -Be 0
        Remove-Item -LiteralPath $file.FullName
    }

    It 'Remove-UploadToken (revoking cannot be undone) asks as well, and names the token only masked' {
        $token = New-UploadToken -TimeToLive 3600

        $answer = Invoke-NonInteractive -Body ("try { Remove-UploadToken -Token `$Values[0] " + $ReportError) -Arguments $token.Token
        $errorRecord = $answer | ConvertFrom-Json

        $errorRecord.ErrorId | Should -Be 'ConfirmationNotPossible,VideoPlatforms.Commands.RemoveUploadTokenCommand'
        $errorRecord.Message | Should -BeLike '*-Force or -Confirm:$false*'
        $answer | Should -Not -BeLike "*$($token.Token)*"
        (Get-UploadToken -Token $token.Token).Token | Should -Be $token.Token
    }
}
