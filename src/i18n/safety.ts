// Messages of the safety rules: output files (atomic, owner-only), the database's existence,
// `hotline check`, and restore's checks.
import type { CatalogueArea } from './index.js';

export const safetyMessages: CatalogueArea = {
  zh: {
    'file.exists': '{path} 已存在，未做改动。换个文件名，或加 --force 覆盖。',
    'file.symlink': '{path} 是符号链接，为安全起见不写入。请直接指定一个普通文件的路径。',
    'file.isDirectory': '{path} 是一个目录，不能作为输出文件。请指定文件名。',
    'file.diskFull': '写入 {path} 失败：磁盘空间已满（或超出配额）。请清理空间后重试；原有文件未改动。',
    'file.tooLarge': '写入 {path} 失败：文件超出系统允许的大小（ulimit -f）。请缩小导出范围（--since/--until）或放宽限制；原有文件未改动。',
    'file.noPermission': '写入 {path} 失败：没有写权限。请换一个可写的位置；原有文件未改动。',
    'file.noFolder': '写入 {path} 失败：目录 {dir} 不存在。请先创建该目录或改用其他路径。',
    'file.writeFailed': '写入 {path} 失败：{reason}。原有文件未改动。',
    'file.stdoutFailed': '写到标准输出失败：{reason}。输出不完整，请重新运行。',
  },
  en: {
    'file.exists': '{path} exists; nothing was changed. Choose another name, or add --force to overwrite it.',
    'file.symlink': '{path} is a symbolic link; for safety it is not written through. Name a regular file instead.',
    'file.isDirectory': '{path} is a directory, not an output file. Name a file.',
    'file.diskFull': 'writing {path} failed: the disk is full (or the quota is used up). Free some space and try again; the previous file is unchanged.',
    'file.tooLarge': 'writing {path} failed: the file is larger than the system allows (ulimit -f). Export a shorter range (--since/--until) or raise the limit; the previous file is unchanged.',
    'file.noPermission': 'writing {path} failed: no permission to write there. Choose a writable place; the previous file is unchanged.',
    'file.noFolder': 'writing {path} failed: the folder {dir} does not exist. Create it first or choose another path.',
    'file.writeFailed': 'writing {path} failed: {reason}. The previous file is unchanged.',
    'file.stdoutFailed': 'writing to standard output failed: {reason}. The output is incomplete; run the command again.',
  },
};
