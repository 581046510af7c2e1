# Tab completion in a real pwsh, through TabExpansion2 as a person's Tab goes: -Privacy offers the privacies the
# target connection's platform declares (the declaration the module refuses from and help describes), not the whole
# VideoPrivacy enum PowerShell would list by itself.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"

    Reset-Sandbox
    Get-VideoProvider | Disconnect-VideoProvider

    # What completion lists: the names a line completes to, in order.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    # The privacies a platform's declaration takes for an option, in the order completion lists them.
    function Get-DeclaredPrivacy([string] $Provider, [string] $Option) {
        $support = [VideoPlatforms.ProviderRegistry]::Get($Provider).Capabilities[[VideoPlatforms.PlatformOption]$Option]
        @([enum]::GetNames([VideoPlatforms.VideoPrivacy]) | Where-Object { $support.Accepts($_) } | Sort-Object)
    }
}

AfterAll {
    Get-VideoProvider | Disconnect-VideoProvider
}

Describe 'Completion of -Privacy' {
    It 'offers every privacy when no connection is open' {
        Get-Completion 'Send-Video -Privacy ' | Should -Be @([enum]::GetNames([VideoPlatforms.VideoPrivacy]) | Sort-Object)
    }

    It 'offers what <Provider> declares, on Send-Video and Set-Video, from the default connection and from -Connection' -ForEach @(
        @{ Provider = 'ApiVideo' }
        @{ Provider = 'Vimeo' }
    ) {
        $connection = Connect-SandboxPlatform -Provider $Provider -PassThru
        try {
            Get-Completion 'Send-Video -Privacy ' | Should -Be (Get-DeclaredPrivacy $Provider UploadPrivacy)
            Get-Completion 'Set-Video -Id x -Privacy ' | Should -Be (Get-DeclaredPrivacy $Provider UpdatePrivacy)

            # Another platform becomes the default; -Connection on the line still decides.
            $other = if ($Provider -eq 'Vimeo') { 'ApiVideo' } else { 'Vimeo' }
            Connect-SandboxPlatform -Provider $other
            Get-Completion 'Send-Video -Privacy ' | Should -Be (Get-DeclaredPrivacy $other UploadPrivacy)
            Get-Completion 'Send-Video -Connection $connection -Privacy ' | Should -Be (Get-DeclaredPrivacy $Provider UploadPrivacy)
        }
        finally {
            Get-VideoProvider | Disconnect-VideoProvider
        }
    }

    It 'lists api.video and Vimeo differently, as their declarations do' {
        # Guards the test above: it proves something only while the two platforms take different privacies.
        (Get-DeclaredPrivacy ApiVideo UploadPrivacy) -join ',' | Should -Not -Be ((Get-DeclaredPrivacy Vimeo UploadPrivacy) -join ',')
    }
}

Describe 'Completion of a parameter the platform may refuse' {
    BeforeAll {
        $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "vp-completion-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory -Path $Folder
        $null = New-TestVideoFile -Path (Join-Path $Folder 'clip.mp4')
        Push-Location -LiteralPath $Folder
        Connect-SandboxPlatform -Provider Vimeo
    }

    AfterAll {
        Pop-Location
        Get-VideoProvider | Disconnect-VideoProvider
        Remove-Item -LiteralPath $Folder -Recurse -Force
    }

    It 'offers nothing where Vimeo refuses it (Get-Video -Tag), and file names as usual where it honours it (Set-Video -ThumbnailPath)' {
        [VideoPlatforms.ProviderRegistry]::Get('Vimeo').Capabilities[[VideoPlatforms.PlatformOption]::ListTag].IsHonoured | Should -BeFalse
        [VideoPlatforms.ProviderRegistry]::Get('Vimeo').Capabilities[[VideoPlatforms.PlatformOption]::UpdateThumbnail].IsHonoured | Should -BeTrue
        Get-Completion 'Get-Video -Tag ' | Should -BeNullOrEmpty
        Get-Completion 'Set-Video -Id x -ThumbnailPath ' | Should -Contain ('.' + [System.IO.Path]::DirectorySeparatorChar + 'clip.mp4')
    }
}
