; Inno Setup 6 script: VolunteerDesk-Setup-<version>.exe from the PyInstaller folder dist\volunteer-desk.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\volunteer-desk.iss
;
; .github/workflows/windows.yml runs it, with AppVersion read from pyproject.toml. Relative paths below
; are relative to this file's folder. Needs ChineseSimplified.isl beside this file: Inno Setup ships it
; only among its unofficial translations, so the workflow downloads it from the Inno Setup source
; repository at a fixed commit (see packaging/README.md). This file is UTF-8 with a byte-order mark, which
; is how the compiler knows it is not in the ANSI code page: keep the mark when editing.
;
; Per user by default: no administrator rights, installed to %LOCALAPPDATA%\Programs\VolunteerDesk; an
; administrator may choose "for all users" in the first dialog. The uninstaller keeps the volunteer data
; (%LOCALAPPDATA%\VolunteerDesk, which the program creates, not this installer) unless the user ticks the
; box in its dialog.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z volunteer-desk.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\volunteer-desk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; The AppId identifies the program to Windows for upgrades and uninstalling: never change it.
AppId={{6B0D3B1E-5C1A-4E8B-9D2F-7A4C3E9F1B20}
AppName=党员志愿者服务管理
AppVersion={#AppVersion}
AppVerName=党员志愿者服务管理 {#AppVersion}
AppPublisher=VolunteerDesk
VersionInfoVersion={#AppVersion}
VersionInfoProductName=党员志愿者服务管理 VolunteerDesk
VersionInfoDescription=党员志愿者服务管理 安装程序
DefaultDirName={autopf}\VolunteerDesk
DefaultGroupName=党员志愿者服务管理
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=VolunteerDesk-Setup-{#AppVersion}
SetupIconFile=volunteer-desk.ico
UninstallDisplayIcon={app}\VolunteerDesk.exe
UninstallDisplayName=党员志愿者服务管理 {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=no
#ifdef SignToolName
; The workflow passes /DSignToolName=name and /Sname=<signtool command> when a certificate is configured:
; Inno Setup then signs both the installer and the uninstaller it writes.
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "chs"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"

[CustomMessages]
chs.DesktopIconTask=在桌面上创建快捷方式(&D)
chs.AdditionalIconsGroup=附加快捷方式：
chs.LaunchAfterInstall=立即运行 党员志愿者服务管理
chs.UninstallShortcut=卸载 党员志愿者服务管理
chs.RemoveDataTitle=志愿者数据
chs.RemoveDataNote1=志愿者数据库、设置和日志保存在：
chs.RemoveDataNote2=一般应保留这些数据：重新安装后可以继续使用。只有确定不再需要时，才勾选下面的方框。
chs.RemoveDataCheck=同时永久删除志愿者数据（无法恢复）
chs.KeepDataButton=确定

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIconTask}"; GroupDescription: "{cm:AdditionalIconsGroup}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\党员志愿者服务管理"; Filename: "{app}\VolunteerDesk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\党员志愿者服务管理"; Filename: "{app}\VolunteerDesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\VolunteerDesk.exe"; Description: "{cm:LaunchAfterInstall}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Anything the program may have written beside itself; the data folder is elsewhere (see [Code]).
Type: filesandordirs; Name: "{app}"

[Code]
{ The data folder is platformdirs' user_data_dir("VolunteerDesk", appauthor=False) on Windows, that is
  %LOCALAPPDATA%\VolunteerDesk (src/volunteer_desk/paths.py). A folder chosen with --data-dir is never
  touched. The dialog comes after the user confirmed the uninstall and before files are removed; its box
  is unticked, and closing the dialog keeps the data. A silent uninstall always keeps the data. }

var
  RemoveData: Boolean;

function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\VolunteerDesk');
end;

function AskRemoveData(const Folder: String): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Box: TNewCheckBox;
  OkButton: TNewButton;
begin
#if Ver >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(440, 200, False, True);
#else
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(440);
  Form.ClientHeight := ScaleY(200);
#endif
  try
    Form.Caption := CustomMessage('RemoveDataTitle');

    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.Left := ScaleX(12);
    Note.Top := ScaleY(12);
    Note.Width := Form.ClientWidth - ScaleX(24);
    Note.Height := ScaleY(96);
    Note.Caption := CustomMessage('RemoveDataNote1') + #13#10 + Folder + #13#10#13#10 +
      CustomMessage('RemoveDataNote2');

    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := Note.Top + Note.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('RemoveDataCheck');
    Box.Checked := False;

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Caption := CustomMessage('KeepDataButton');
    OkButton.Width := ScaleX(88);
    OkButton.Height := ScaleY(26);
    OkButton.Left := Form.ClientWidth - OkButton.Width - ScaleX(12);
    OkButton.Top := Form.ClientHeight - OkButton.Height - ScaleY(12);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;

    Form.ActiveControl := OkButton;
    Result := False;
    if Form.ShowModal() = mrOk then
      Result := Box.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    RemoveData := False;
    if not UninstallSilent() then
      if DirExists(DataFolder()) then
        RemoveData := AskRemoveData(DataFolder());
  end;
  if CurUninstallStep = usPostUninstall then
    if RemoveData then
      DelTree(DataFolder(), True, True, True);
end;
